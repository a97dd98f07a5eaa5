from pmpath.cli.launcher import main

main()
