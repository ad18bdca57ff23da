import LedgerEvents
import LedgerPlatform

/// The events of one import batch: `register.imported` followed by `asset.registered`/`asset.updated` in row order.
///
/// A register of a million rows makes a million events; kept as `Event` values they would take several hundred
/// MB. The planned rows are kept instead as a few numbers and their text packed in one byte buffer (about 80
/// bytes a row), and each `Event` is made, typed, when it is read. Reading an element twice gives equal events.
public struct ImportEvents: RandomAccessCollection, Sendable {
    /// `register.imported`; nil when the plan has nothing to append.
    let header: Event?
    let rows: PlannedRows
    let importID: String
    /// The date of the import: `occurred_on` of `asset.updated`.
    let importedOn: CalendarDate
    /// The number of events, kept: asked for every event read (comparing `header` with nil copied the event).
    public let endIndex: Int

    /// No events.
    init() {
        header = nil
        rows = PlannedRows()
        importID = ""
        importedOn = CalendarDate(year: 1970, month: 1, day: 1)!
        endIndex = 0
    }

    init(header: Event, rows: PlannedRows, importID: String, importedOn: CalendarDate) {
        self.header = header
        var rows = rows
        rows.name(importID: importID)
        self.rows = rows
        self.importID = importID
        self.importedOn = importedOn
        endIndex = rows.count + 1
    }

    public var startIndex: Int { 0 }

    public subscript(index: Int) -> Event {
        precondition(index >= 0 && index < endIndex, "ImportEvents index out of range")
        if index == 0 { return header! }
        return rows.event(at: index - 1, importID: importID, importedOn: importedOn)
    }

    /// The events as a batch for the domain checks and the writer (each made when read; all typed facts). The
    /// writer takes each record's parts from the packed rows (`EventBatch.Canonical`), making no event.
    public var batch: EventBatch {
        let events = self
        return EventBatch(count: count, allTypedFacts: true,
                          header: { EventHeader(id: events.eventID(at: $0), actor: nil) }, make: { events[$0] },
                          canonical: EventBatch.Canonical(parts: { events.parts(at: $0) }, appendData: { events.appendData(at: $0, to: &$1) }))
    }

    /// The type and date of the event at `index` (`self[index]`'s), without making it.
    func parts(at index: Int) -> (type: String, occurredOn: CalendarDate) {
        precondition(index >= 0 && index < endIndex, "ImportEvents index out of range")
        if index == 0 { return (header!.type, header!.occurredOn) }
        return rows.parts(at: index - 1, importedOn: importedOn)
    }

    /// Appends the canonical `data` of the event at `index` (what `self[index].payload.writeData` appends).
    func appendData(at index: Int, to out: inout LineBuffer) {
        precondition(index >= 0 && index < endIndex, "ImportEvents index out of range")
        if index == 0 { header!.payload.writeData(to: &out); return }
        rows.appendData(at: index - 1, importID: importID, importedOn: importedOn, to: &out)
    }

    /// The id of the event at `index`.
    func eventID(at index: Int) -> String { index == 0 ? importID : rows.eventID(at: index - 1) }

    /// The spreadsheet row of the event at `index` (nil for `register.imported`), for messages.
    public func rowNumber(at index: Int) -> Int? {
        index >= 1 && index < endIndex ? rows.rowNumber(at: index - 1) : nil
    }
}
