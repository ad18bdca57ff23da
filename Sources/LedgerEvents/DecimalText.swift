/// The one reader of decimal numbers in the ledger: money (yuan to fen) and quantities (m² to 0.01) both go
/// through it, so "3,000.00" means the same everywhere and a refusal always says why (`EventError.decimal`).
///
/// Two forms:
/// - **record** — what a record and an event's JSON hold: ASCII digits, commas only between groups of three
///   whole digits, at most one point followed by at least one digit. Nothing else.
/// - **person** — what people type into a spreadsheet cell or a yuan member: the record form, plus full-width
///   digits and signs (１２３．５, as Chinese input methods write them), a leading `+` (banks print credits as
///   `+3,000.00`; it changes nothing), a leading `¥`/`￥` and a trailing `元`.
///   It is rewritten to the record form and then read as that, so both forms accept exactly the same numbers.
public enum DecimalText {
    /// Reads `text` in the record form as a count of 10^-`scale` units.
    /// - Parameters:
    ///   - maxUnits: the largest magnitude allowed, in units.
    ///   - allowNegative: whether a leading `-` is allowed.
    ///   - firstGroupMax3: whether the digits before the first comma must be at most three (`1234,567` refused);
    ///     areas in records were never held to that, so their reader keeps accepting what it accepted.
    public static func units(record text: some StringProtocol, scale: Int, maxUnits: Int64,
                             allowNegative: Bool = false, firstGroupMax3: Bool = true) throws(EventError) -> Int64 {
        try units(utf8: text.utf8, scale: scale, maxUnits: maxUnits, allowNegative: allowNegative,
              firstGroupMax3: firstGroupMax3)
    }

    /// Reads `text` in the person form (see the type): full-width digits and signs, `¥`/`￥`, `元`.
    ///
    /// Zeros past `scale` decimals are dropped (`1234.5000` is 1234.50 exactly, as a spreadsheet formatted to four
    /// decimals writes it) unless they may be a thousands point: three decimals after one to three whole digits
    /// (`3.000`, `12.500`) are refused as `zerosOrThousandsPoint`, naming both readings. Scientific notation
    /// (`1.2E+05`) is refused as such: the digits a spreadsheet left out are not in the text.
    public static func units(person text: some StringProtocol, scale: Int, maxUnits: Int64,
                             allowNegative: Bool = false, currency: Bool = false) throws(EventError) -> Int64 {
        guard var record = recordForm(person: text, currency: currency) else {
            if isScientific(text) { throw .decimal(.scientificNotation) }
            throw .decimal(.notANumber)
        }
        if isScientific(record) { throw .decimal(.scientificNotation) }
        if let point = record.firstIndex(of: "."), record[record.index(after: point)...].allSatisfy({ $0.isASCII && $0.isNumber }) {
            let fraction = record[record.index(after: point)...]
            let extra = fraction.dropFirst(scale)
            if !extra.isEmpty, extra.allSatisfy({ $0 == "0" }) {
                let whole = record[..<point].drop { $0 == "-" }
                if fraction.count == 3, (1...3).contains(whole.count), whole.allSatisfy({ $0.isASCII && $0.isNumber }), whole.first != "0" {
                    let kept = String(record[..<point]) + (scale > 0 ? "." + fraction.prefix(scale) : "")
                    throw .decimal(.zerosOrThousandsPoint(decimal: kept, thousands: String(record[..<point]) + fraction))
                }
                record = String(record[..<point]) + (scale > 0 ? "." + fraction.prefix(scale) : "")
            }
        }
        return try units(utf8: record.utf8, scale: scale, maxUnits: maxUnits, allowNegative: allowNegative,
                     firstGroupMax3: true)
    }

    /// `1.2E+05`, `4.26e4`, `-3E-02`: a number in scientific notation (digits, at most one point, `e`/`E`, an
    /// optional sign, digits), as a spreadsheet writes a long number it has no room for.
    static func isScientific(_ text: some StringProtocol) -> Bool {
        var scalars = String(text).unicodeScalars.drop { $0 == " " || $0 == "+" || $0 == "-" || $0 == "¥" || $0 == "￥" }
        while let last = scalars.last, last == " " || last == "元" { scalars = scalars.dropLast() }
        let parts = scalars.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
        guard parts.count == 2 else { return false }
        let mantissa = parts[0], exponent = parts[1].drop { $0 == "+" || $0 == "-" }
        let digits: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        return !mantissa.isEmpty && mantissa.allSatisfy { digits($0) || $0 == "." } && mantissa.filter({ $0 == "." }).count <= 1
            && mantissa.contains(where: digits) && !exponent.isEmpty && exponent.allSatisfy(digits)
    }

    /// `text` with full-width digits, point, comma and signs made ASCII, surrounding spaces removed, one leading
    /// `+` dropped, and — when `currency` — one leading `¥`/`￥` (after an optional sign, or before one) and one
    /// trailing `元` dropped; nil when a currency mark is given but `currency` is false, or when two signs are
    /// given (`+-3`, `-+3`: which one was meant is not guessed).
    public static func recordForm(person text: some StringProtocol, currency: Bool) -> String? {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: scalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: scalars.append(".")
            case 0xFF0C: scalars.append(",")
            case 0xFF0D, 0x2212: scalars.append("-")
            case 0xFF0B: scalars.append("+")
            default: scalars.append(scalar)
            }
        }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{00A0}" || s == "\u{3000}" }
        while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        var negative = false, signed = false
        func sign() {
            guard !signed, let first = scalars.first, first == "-" || first == "+" else { return }
            negative = first == "-"
            signed = true
            scalars.removeFirst()
        }
        sign()
        if let first = scalars.first, first == "¥" || first == "￥" {
            guard currency else { return nil }
            scalars.removeFirst()
            while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
            sign()
        }
        if signed, scalars.first.map({ $0 == "-" || $0 == "+" }) ?? !negative { return nil }
        if scalars.last == "元" {
            guard currency else { return nil }
            scalars.removeLast()
        }
        while let last = scalars.last, isSpace(last) { scalars.removeLast() }
        var out = negative ? "-" : ""
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }

    /// The record-form reader over UTF-8 bytes.
    @inline(__always)
    static func units(utf8 text: some Sequence<UInt8>, scale: Int, maxUnits: Int64,
                      allowNegative: Bool, firstGroupMax3: Bool) throws(EventError) -> Int64 {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var seenPoint = false
        var sawDigit = false
        var negative = false
        var first = true
        var wholeDigits = 0
        var leadingZero = false
        // -1 before the first comma; then the digits since the last comma.
        var digitsSinceComma = -1
        var badComma = false
        var notNumber = false
        var overflow = false
        for b in text {
            defer { first = false }
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                let d = Int64(b - UInt8(ascii: "0"))
                if seenPoint {
                    fractionDigits += 1
                    if fractionDigits <= 18 { fraction = fraction &* 10 &+ d }
                } else {
                    wholeDigits += 1
                    if wholeDigits == 1 { leadingZero = d == 0 }
                    if digitsSinceComma >= 0 { digitsSinceComma += 1 }
                    if whole > Int64.max / 100 { overflow = true } else { whole = whole * 10 + d }
                }
            case UInt8(ascii: ","):
                // Thousands separators only between groups of three whole digits, the first group 1–3 digits.
                // A first group of 0 (`0,500`) is no thousands group but a decimal comma.
                if seenPoint || wholeDigits == 0
                    || (digitsSinceComma == -1 ? firstGroupMax3 && (wholeDigits > 3 || leadingZero) : digitsSinceComma != 3) {
                    badComma = true
                }
                digitsSinceComma = 0
            case UInt8(ascii: "."):
                if seenPoint || !sawDigit { notNumber = true }
                if digitsSinceComma >= 0 && digitsSinceComma != 3 { badComma = true }
                seenPoint = true
            case UInt8(ascii: "-") where first:
                negative = true
            default:
                notNumber = true
            }
        }
        if !sawDigit && !notNumber && !badComma && !negative && !seenPoint { throw .decimal(.empty) }
        if notNumber || !sawDigit || (seenPoint && fractionDigits == 0) { throw .decimal(.notANumber) }
        if !seenPoint, digitsSinceComma >= 0, digitsSinceComma != 3 { badComma = true }
        if badComma { throw .decimal(.ambiguousComma) }
        if fractionDigits > scale {
            // Trailing zeros beyond the scale say nothing more (3.500 m² is 3.50 m²) … but for money they usually
            // mean a thousands point (3.000 = 3000?), so they are refused like any other extra digit.
            throw .decimal(.tooManyDecimals(written: fractionDigits, allowed: scale))
        }
        if negative && !allowNegative { throw .decimal(.negative) }
        var multiplier: Int64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        var fractionScaled = fraction
        for _ in fractionDigits..<scale { fractionScaled *= 10 }
        let (product, productOverflow) = whole.multipliedReportingOverflow(by: multiplier)
        let total = product &+ fractionScaled
        if overflow || productOverflow || total > maxUnits || total < 0 {
            throw .decimal(.tooLarge(limit: DecimalText.text(units: maxUnits, scale: scale)))
        }
        return negative ? -total : total
    }

    /// `units` as decimal text with `scale` fraction digits and thousands separators, e.g. `10,000,000,000.00`.
    public static func text(units: Int64, scale: Int) -> String {
        var multiplier: UInt64 = 1
        for _ in 0..<scale { multiplier *= 10 }
        let magnitude = units.magnitude
        var whole = String(magnitude / multiplier)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        guard scale > 0 else { return (units < 0 ? "-" : "") + grouped }
        var fraction = String(magnitude % multiplier)
        while fraction.count < scale { fraction = "0" + fraction }
        return (units < 0 ? "-" : "") + grouped + "." + fraction
    }
}
