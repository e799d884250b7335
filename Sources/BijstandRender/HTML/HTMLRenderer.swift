import BijstandAssets
import BijstandCore
import Mustache

/// One self-contained HTML page: inline CSS and inline SVG charts, no scripts and
/// no external resources, printable on A4. The page is `reports/report.html.mustache`
/// with `reports/report.css`, both embedded in the binary at build time; this type
/// only turns the report into the template's view (`HTMLReportView`) and fills it in.
///
/// ```swift
/// let bytes = try HTMLRenderer().render(report)
/// try Data(bytes).write(to: URL(fileURLWithPath: "rapport.html"))
/// ```
public struct HTMLRenderer: ReportRenderer {
    static let templatePath = "reports/report.html.mustache"
    static let stylesheetPath = "reports/report.css"

    public init() {}

    public func render(_ report: Report) throws -> [UInt8] {
        let template = try Self.template()
        guard let css = Assets.text(Self.stylesheetPath) else { throw RenderError.missingAsset(Self.stylesheetPath) }
        return Array(template.render(HTMLReportView(report, css: css)).utf8)
    }

    /// The parsed template; a template that does not parse is a build defect, reported by name.
    static func template() throws -> MustacheTemplate {
        guard let text = Assets.text(templatePath) else { throw RenderError.missingAsset(templatePath) }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw RenderError.template(templatePath, "\(error)")
        }
    }
}
