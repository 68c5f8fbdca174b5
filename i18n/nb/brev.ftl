app-title = Brev
