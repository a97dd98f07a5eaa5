from pmpath.cli.launcher import console

console()
