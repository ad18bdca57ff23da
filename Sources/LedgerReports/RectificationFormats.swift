/// A report written in each of the five formats (the list and the 整改台账): the dispatch on the format, said once.
protocol RectificationFormats {
    func table(into stream: ReportStream)
    func csv(into stream: ReportStream)
    func json(into stream: ReportStream)
    func markdown(into stream: ReportStream)
    func html(into stream: ReportStream)
}

extension RectificationFormats {
    /// The report in `format`, written to `stream`, which is then finished.
    func renderFormat(_ format: RectificationFormat, into stream: ReportStream) {
        switch format {
        case .table: table(into: stream)
        case .csv: csv(into: stream)
        case .json: json(into: stream)
        case .md: markdown(into: stream)
        case .html: html(into: stream)
        }
        stream.finish()
    }
}
