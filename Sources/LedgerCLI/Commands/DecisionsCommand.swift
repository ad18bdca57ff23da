import LedgerProjections
import LedgerReports

enum DecisionsCommand {
    static let command = Command(
        name: "decisions",
        summary: Message(en: "owners' decisions with quorum, threshold and money spent under them",
                         zh: "业主共同决定：参与率、表决门槛和据此支出的金额"),
        options: QueryOptions.options,
        about: Message(en: """
        Lists every owners' decision (业主共同决定) with its participation and approval shares and its result under
        Civil Code Art. 278: quorum ≥ 2/3 of the total area and of the owners; items 6, 7 and 8 pass with ≥ 3/4 of
        the participating area and owners, all others with > 1/2. An owner who abstains (弃权) took part in the
        vote: count abstentions in the participating area and owners, not in the approving ones (so they weigh
        as not approving). The result is computed exactly; the shares shown are rounded down to 0.01%, with
        more decimals where 0.01% would not show which side of the threshold a share falls (66.6667%: above
        2/3), and a share of exactly 2/3 is shown as 2/3. Also the amount cap, the amount spent under the
        decision and what remains.
        """, zh: """
        列出每项业主共同决定的参与比例、同意比例及其依《民法典》第二百七十八条的结果：专有部分面积和人数均
        占三分之二以上的业主参与表决；第六、七、八项须经参与表决专有部分面积和人数四分之三以上的业主同意，
        其他事项须过半数。弃权的业主参与了表决：弃权的面积和人数计入参与表决的面积和人数，不计入同意的
        （即不算同意）。结果按精确值计算，显示的比例向下取整到 0.01%；取到 0.01% 看不出比例在门槛哪一侧的，
        多显示几位（66.6667%：超过三分之二），恰为三分之二的显示为 2/3。另列金额上限、已据此支出的金额
        和余额。
        """),
        notes: WholeCityList.scopeAndCityNotes(DecisionLine.self),
        exitStatus: QueryOptions.exitStatus,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        // The whole city's list from `index/decisions.state` (ledger-spec.md 15.12), when it can answer.
        if let city = try WholeCityList.answer(DecisionLine.self, arguments, context) {
            context.io.writeOutBytes(ProjectionReports.decisions(city.lines, asOf: city.asOf, atSeq: city.recordCount, format: city.format,
                                                             language: context.language))
            return 0
        }
        let query = try QueryOptions.load(arguments, context)
        context.io.writeOutBytes(ProjectionReports.decisions(query.projection, filter: query.filter, format: query.format, language: context.language))
        return 0
    }
}
