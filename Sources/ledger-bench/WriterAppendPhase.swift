import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform

extension Phases {
    /// One durable append of one event by a fresh `LogWriter` (opened without a visitor, so it reads only the log
    /// after the id index's stamp), as a process: the writer's own cost at the ledger's size, apart from the domain
    /// checks of `ledger append`. Prints the open, append and total times.
    static func writerAppend(_ arguments: Arguments) throws(CLIError) -> [String: JSONValue] {
        let path = try required(arguments, "ledger")
        let directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(path) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        var notices: [String] = []
        let writer = try CLIError.fromChain { () throws(ChainError) in try LogWriter.open(directory, notice: { notices.append($0) }) }
        let t1 = DispatchTime.now().uptimeNanoseconds
        let id = "bench-one-\(writer.lastSeq + 1)"
        let event = Event(id: id, occurredOn: CalendarDate(year: 2025, month: 1, day: 1)!, actor: "ledger-bench",
                          payload: .raw(type: "bench.note", data: CanonicalJSON.encode(.object(["n": .integer(writer.lastSeq)]))))
        let result = try CLIError.fromChain { () throws(ChainError) in try writer.append([event], options: options()) }
        let t2 = DispatchTime.now().uptimeNanoseconds
        writer.close()
        return ["open_ns": .integer(Int64(t1 - t0)), "append_ns": .integer(Int64(t2 - t1)), "total_ns": .integer(Int64(t2 - t0)),
                "records": .integer(result.lastSeq), "notices": .integer(Int64(notices.count))]
    }
}
