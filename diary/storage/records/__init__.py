"""The parts of the store, one kind of record each: `store.intakes`, `store.ratings`,
`store.events`, `store.medications`, `store.plans`, `store.symptoms`, `store.audit`,
`store.history` and `store.imports`. Each is reached through the one `DiaryStore` and writes
through its one transaction (`Tables.write`), so every change has its audit row."""
