from pmpath.cli import main

main()
