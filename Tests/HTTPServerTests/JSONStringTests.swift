import HTTPServer
import Testing

/// The JSON string literals problem documents are written with.
@Suite struct JSONStringTests {
    @Test(arguments: [
        ("plain", #""plain""#),
        ("", #""""#),
        ("say \"hi\" \\ bye", #""say \"hi\" \\ bye""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{01}\u{1F}", #""\u0001\u001f""#),
        ("研发经费 ✓ 😀", "\"研发经费 ✓ 😀\""),
    ])
    func quotes(text: String, literal: String) {
        #expect(JSONString.quote(text) == literal)
    }
}
