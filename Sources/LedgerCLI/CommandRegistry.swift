/// The list of commands. One line per command; each command lives in Commands/<Name>Command.swift.
enum CommandRegistry {
    static var all: [Command] {
        [
            InitCommand.command,
            AppendCommand.command,
            LogCommand.command,
            VerifyCommand.command,
            CommunitiesCommand.command,
            BalancesCommand.command,
            AssetsCommand.command,
            ContractsCommand.command,
            DecisionsCommand.command,
            ShowCommand.command,
            RectifyCommand.command,
            DemoCommand.command,
            ImportCommand.command,
            TemplateCommand.command,
            KeygenCommand.command,
            CheckpointCommand.command,
            ProveCommand.command,
            CheckProofCommand.command,
            ConsistencyCommand.command,
            PublishCommand.command,
            WitnessCommand.command,
            ErasePersonalCommand.command,
        ]
    }
}
