"""xlplan's Excel add-in: an xlwings Server app (see README, "The Excel add-in")."""
