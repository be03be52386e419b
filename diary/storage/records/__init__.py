"""The parts of the store, one kind of record each: `store.intakes`, `store.ratings`,
`store.events`, `store.medications`, `store.plans`, `store.symptoms`, `store.audit`,
`store.history` and `store.imports`; `outcomes` reads what became of each dose a range of days
expected (the domain's `plans.answers` over the store's plan and doses). Each is reached
through the one `DiaryStore` and writes through its one transaction (`Tables.write`), so every
change has its audit row."""
