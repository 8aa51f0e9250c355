import CallupCLI

CallupCommand.main()
