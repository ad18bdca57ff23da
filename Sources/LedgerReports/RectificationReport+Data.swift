import LedgerEvents
import LedgerRules

extension RectificationReport {
    /// CSV for Excel and WPS: one flat table, the header in row 1 and one row per finding, so that it can be
    /// sorted and filtered at once (see `CSVTable`). The title, dates, ledger and policy are in `metaCSV()`.
    public func csv() -> [UInt8] { collect(csv(into:)) }

    /// `csv()`, written to `stream` a row at a time.
    public func csv(into stream: ReportStream) {
        var table = CSVTable.Streamed(headers: findingHeaders + [t("问题类别代码", "Class code"), t("对象编号", "Item id"),
                                                                t("依据记录序号", "Record numbers")], into: stream)
        forEachPart(stream) { part, base in
            for (local, f) in part.rectification.findings.enumerated() {
                var cells = part.findingCells(f, number: base + local + 1).map { CSVTable.Cell.text($0) }
                cells[0] = .numeric(String(base + local + 1))
                cells[8] = .numeric(Format.date(f.since))
                if let deadline = part.runningDeadline(f) { cells[14] = .numeric(Format.date(deadline)) }
                table.append(cells + [.text(f.problemClass.code), .text(f.itemID),
                                      .text(f.evidence.map { String($0.seq) }.joined(separator: " "))])
            }
        }
        // Issued keys no longer found: rows of the same table (no number), so a filter on 整改状态 shows them too.
        let width = findingHeaders.count + 3
        for e in vanished {
            var cells = Array(repeating: CSVTable.Cell.text(""), count: width)
            cells[1] = .text(e.street)
            cells[2] = .text("\(e.communityID) \(e.communityName)")
            if let rule = e.rule {
                cells[3] = .text(severityLabel(rule.severity))
                cells[4] = .text(classLabel(rule.problemClass))
                cells[5] = .text(rule.code)
                cells[6] = .text(ruleLabel(rule))
                cells[width - 3] = .text(rule.problemClass.code)
            }
            // The item as the ledger held it when the key was issued (the same whether the list is made whole or a
            // community at a time), the problem's first day as the 整改台账 gives it, and the list, party and
            // deadline (review 42e: left blank).
            cells[7] = .text(vanishedItem(e, finding: nil))
            let since = vanishedSince(e, day: { Format.date($0) })
            cells[8] = FindingKey.since(of: e.key) == nil ? .text(since) : .numeric(since)
            cells[10] = .text(e.key)
            cells[11] = .text(loopStatus(e))
            if let tracked = e.tracked {
                cells[12] = .text(issuedIn(tracked))
                cells[13] = .text(person(tracked.responsible))
                let due = deadline(e, tracked, isoDates: true)
                cells[14] = due == Format.date(tracked.deadline) ? .numeric(due) : .text(due)
            }
            table.append(cells)
        }
    }

    /// The list's provenance as a second CSV beside `csv()`: title, scope, dates, ledger, then the policy in
    /// force, one setting a row (item, value, source).
    public func metaCSV() -> [UInt8] {
        var table = CSVTable(headers: [t("项目", "Item"), t("内容", "Value"), t("来源", "Source")])
        table.append([.text(t("标题", "Title")), .text(title), .text("")])
        for (label, value) in stampLines { table.append([.text(label), .text(value), .text("")]) }
        table.append([.text(t("说明", "Note")), .text(stampNote), .text("")])
        for row in policyRows { table.append([.text(row.label), .text(row.value), .text(row.source)]) }
        return table.render()
    }

    /// JSON for programs: codes and exact values beside the worded text (in the report's language).
    /// Amounts are integers in fen (names ending `_fen`); dates are `YYYY-MM-DD`; keys are sorted.
    public func json() -> String { String(decoding: collect(json(into:)), as: UTF8.self) }

    /// `json()`, written to `stream` a finding at a time.
    public func json(into stream: ReportStream) {
        let scope = rectification.scope
        var classes: [String: JSONValue] = [:]
        for (c, n) in zip(ProblemClass.allCases, rectification.totalsByClass) { classes[c.code] = .integer(Int64(n)) }
        let communities: [JSONValue] = rectification.communities.map { c in
            var counts: [String: JSONValue] = [:]
            for (k, n) in zip(ProblemClass.allCases, c.countsByClass) { counts[k.code] = .integer(Int64(n)) }
            return .object(["community_id": .string(c.communityID), "name": .string(c.name), "street": .string(c.street),
                            "by_class": .object(counts), "total": .integer(Int64(c.total))])
        }
        func finding(_ f: Finding, _ index: Int, _ part: RectificationReport) -> JSONValue {
            .object([
                "no": .integer(Int64(index + 1)),
                "street": .string(f.street), "community_id": .string(f.communityID), "community_name": .string(f.communityName),
                "item": .object(["kind": .string(f.itemKind.rawValue), "id": .string(f.itemID), "name": .string(itemName(f)),
                                 "detail": f.itemDetail.map { .string($0) } ?? .null]),
                "class": .string(f.problemClass.code), "class_label": .string(classLabel(f.problemClass)),
                "rule": .string(f.rule.code), "label": .string(ruleLabel(f.rule)),
                "severity": .string(f.severity.rawValue), "since": .string(Format.date(f.since)),
                "status": .object(["code": .string(f.resolution?.kind.rawValue ?? "open"), "text": .string(status(f)),
                                   "on": f.resolution.map { .string(Format.date($0.on)) } ?? .null]),
                "facts": .array(f.facts.map { fact in
                    .object(["key": .string(fact.key.rawValue), "text": .string(FactText.render(fact, language)),
                             "values": .object(jsonValues(fact))])
                }),
                "legal_basis": .string(basis(f)),
                "citations": .array(f.basis.citations.map { c in
                    .object(["source": .string(c.source.rawValue), "article": .integer(Int64(c.article)),
                             "paragraph": c.paragraph.map { .integer(Int64($0)) } ?? .null,
                             "items": .array(c.items.map { .integer(Int64($0)) })])
                }),
                "policy_threshold": f.basis.policyNote.map { .string($0.rawValue) } ?? .null,
                "key": .string(f.key),
                "rectification": loopJSON(part.ledger.entry(forKey: f.key)),
                "action": .string(action(f)), "action_code": .string(f.action.rawValue),
                "related": .array(f.related.map { .integer(Int64($0 + 1)) }),
                "evidence": .array(f.evidence.map { .object(["seq": .integer($0.seq), "id": .string($0.eventID)]) }),
            ])
        }
        var policy: [String: JSONValue] = [:]
        for entry in rectification.policy.entries { policy[entry.key] = try? JSONParser.parse(entry.value) }
        let checkpoint: JSONValue = stamp.checkpoint.map { c in
            .object(["origin": .string(c.origin), "size": .integer(c.size), "root": .string(c.rootHex), "time": .string(c.time),
                     "key": .string(c.keyName)])
        } ?? .null
        let root: JSONValue = .object([
            "report": .string("rectification"), "format_version": .integer(2), "language": .string(language.rawValue),
            "title": .string(title),
            "ledger": .object(["records": .integer(stamp.recordCount), "head_hash": .string(stamp.headHash), "checkpoint": checkpoint]),
            "as_of": .string(Format.date(scope.asOf)), "prepared_on": .string(Format.date(preparedOn)),
            "scope": .object(["street": scope.street.map { .string($0) } ?? .null,
                              "community_id": scope.communityID.map { .string($0) } ?? .null,
                              "classes": .array(scope.classes.map { .string($0.code) })]),
            "filter": .object(["statuses": .array(ledger.statuses.map { .string($0.rawValue) }), "overdue_only": .bool(ledger.overdueOnly)]),
            "policy": .object(["source": rectification.policy.sourceName.map { .string($0) } ?? .null,
                               "from_file": .array(rectification.policy.keysFromFile.map { .string($0) }),
                               "settings": .object(policy),
                               "law": .object(["quorum": .string("\(LawConstants.quorum)"),
                                               "special_majority": .string("\(LawConstants.specialMajority)"),
                                               "simple_majority_exceeds": .string("\(LawConstants.simpleMajority)"),
                                               "lease_term_max_months": .integer(Int64(LawConstants.leaseTermMaxMonths))])]),
            "totals": .object(["by_class": .object(classes), "total": .integer(Int64(findingCount)),
                               "open": .integer(Int64(findingCount - resolvedCount))]),
            "communities": .array(communities),
            "findings": .array([]),
            "issued_not_found": .array(vanished.map { e in
                .object(["key": .string(e.key), "community_id": .string(e.communityID), "street": .string(e.street),
                         "rule": e.rule.map { .string($0.code) } ?? .null, "rectification": loopJSON(e)])
            }),
        ])
        PrettyJSON.stream(root, array: "findings", count: findingCount, items: { emit in
            forEachPart(stream) { part, base in
                for (local, f) in part.rectification.findings.enumerated() { emit(finding(f, base + local, part)) }
            }
        }, into: stream)
    }

    /// A finding's place in the loop for programs: status code and text, and the list, party and deadline.
    func loopJSON(_ e: LedgerEntry?) -> JSONValue {
        guard let e else { return .object(["status": .string(LoopStatus.new.rawValue), "text": .string(loopStatusLabel(.new))]) }
        var out: [String: JSONValue] = ["status": .string(e.status.rawValue), "text": .string(loopStatus(e)),
                                        "overdue": .bool(e.overdue)]
        if let t = e.tracked {
            out["list_id"] = .string(t.listID)
            out["issued_on"] = .string(Format.date(t.issuedOn))
            out["responsible"] = .string(person(t.responsible))
            out["deadline"] = .string(Format.date(t.deadline))
        }
        return .object(out)
    }

    private func jsonValues(_ fact: FindingFact) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for pair in fact.values {
            switch pair.value {
            case .amount(let a): out[pair.name + "_fen"] = .integer(a.fen)
            case .date(let d): out[pair.name] = .string(Format.date(d))
            case .integer(let i): out[pair.name] = .integer(i)
            case .text(let s): out[pair.name] = .string(s)
            case .person(let p): out[pair.name] = .string(person(p))
            case .area(let q): out[pair.name + "_m2"] = .string(Format.area(q))
            case .percent(let r): out[pair.name + "_percent"] = .string(String(Format.percent(r).dropLast()))
            case .share(let s): out[pair.name] = .string(s.description)
            case .fenPerSquareMetre(let r): out[pair.name + "_fen"] = .integer(Format.perAreaFen(pair.name, r).fen)
            case .texts(let list): out[pair.name] = .array(list.map { .string($0) })
            }
        }
        return out
    }
}
