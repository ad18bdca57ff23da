/// The list of commands. One line per command; each command lives in Commands/<Name>Command.swift.
enum CommandRegistry {
    static var all: [Command] {
        [
            InitCommand.command,
            AppendCommand.command,
            LogCommand.command,
            VerifyCommand.command,
            DemoCommand.command,
            KeygenCommand.command,
            CheckpointCommand.command,
            ProveCommand.command,
            CheckProofCommand.command,
        ]
    }
}
