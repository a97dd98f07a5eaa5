from pmpath.launcher import main

main()
