/// The style sheets of the page and the notice: system fonts with Chinese fallbacks (nothing is downloaded or
/// embedded), readable on a phone, and A4 when printed.
enum PublicationStyle {
    static let fonts = """
    font-family: -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif;
    """

    static let page = """
    body { \(fonts) margin: 0 auto; max-width: 1200px; padding: 12px 16px 40px; color: #1f2328; line-height: 1.5; font-size: 15px; }
    h1 { font-size: 22px; margin: 8px 0 4px; }
    h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d0d7de; padding-bottom: 4px; }
    h3 { font-size: 15px; margin: 18px 0 6px; }
    .sub, .note, footer { color: #57606a; font-size: 13px; }
    #summary { margin: 12px 0; padding: 12px 14px; border-radius: 6px; font-size: 17px; font-weight: 600; background: #fff8c5; border: 1px solid #d4a72c; }
    #summary[data-result="ok"] { background: #dafbe1; border-color: #2da44e; color: #116329; }
    #summary[data-result="fail"] { background: #ffebe9; border-color: #cf222e; color: #a40e26; }
    .warn { color: #a40e26; font-weight: 600; }
    table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
    th, td { border: 1px solid #d0d7de; padding: 4px 6px; text-align: left; vertical-align: top; }
    thead th { background: #f6f8fa; white-space: nowrap; }
    .kv th { width: 8em; background: #f6f8fa; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; word-break: break-all; }
    .rec { color: #57606a; white-space: nowrap; }
    .derived { color: #6e7781; font-style: italic; }
    .corrected { color: #9a6700; font-size: 12px; }
    td.v { white-space: nowrap; color: #57606a; }
    [data-result="ok"] td.v, #checkpoint-row[data-result="ok"] td.v { color: #116329; }
    tr[data-result="fail"] td, #checkpoint-row[data-result="fail"] td { background: #ffebe9; }
    tr[data-result="fail"] td.v, #checkpoint-row[data-result="fail"] td.v { color: #a40e26; font-weight: 600; white-space: normal; }
    tr[data-result="unverified"] td.v, #checkpoint-row[data-result="unverified"] td.v { color: #9a6700; white-space: normal; }
    tr.sev-high td:first-child { color: #a40e26; font-weight: 600; }
    details { margin: 6px 0 12px; }
    summary { cursor: pointer; color: #0969da; }
    .none { color: #57606a; }
    @media (max-width: 700px) { body { font-size: 14px; padding: 8px; } section { overflow-x: auto; } }
    @media print { @page { size: A4; margin: 12mm; } body { max-width: none; font-size: 11px; } details { display: block; } #how { display: none; } }
    """

    static let notice = """
    @page { size: A4; margin: 15mm 15mm 18mm; }
    body { \(fonts) margin: 0 auto; max-width: 180mm; color: #000; font-size: 11pt; line-height: 1.45; }
    h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; }
    h2 { font-size: 12pt; margin: 6mm 0 2mm; }
    .sub { text-align: center; margin: 0 0 4mm; }
    table { border-collapse: collapse; width: 100%; font-size: 10pt; }
    th, td { border: 0.5pt solid #000; padding: 1.2mm 1.8mm; text-align: left; vertical-align: top; }
    thead th { background: #eee; }
    .kv th { width: 30mm; background: #f4f4f4; white-space: nowrap; }
    .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    .total td { font-weight: 600; }
    .mono { font-family: ui-monospace, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; letter-spacing: 0.02em; }
    .small { font-size: 8.5pt; word-break: break-all; }
    .blank { display: inline-block; min-width: 110mm; border-bottom: 0.5pt solid #000; height: 1.2em; }
    .how { margin-top: 3mm; }
    ol.how { margin: 1mm 0 0; padding-left: 6mm; }
    .note { font-size: 9pt; margin: 1mm 0 0; }
    .blank.short { min-width: 40mm; }
    .posting { margin-bottom: 2mm; }
    .sign { display: flex; justify-content: space-between; margin-top: 10mm; }
    .sign div { width: 45%; }
    """
}
