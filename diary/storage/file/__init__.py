"""The diary file itself, below the store: creating and opening it safely (opening), who has it
open and who writes (uselock), whose write-ahead log lies beside it (logseal), and putting a
finished file in place without ever replacing one (placement)."""
