import Testing
@testable import Report

@Suite struct JSONValueTests {
    @Test func keysKeepTheirOrderAndStringsAreEscaped() {
        let doc = JSONValue.object([("b", .int(1)), ("a", .string("quote \" backslash \\ newline \n tab \t bell \u{07} £")),
                                    ("n", .null), ("x", .double(1)), ("y", .double(0.25)), ("list", .array([.bool(true)]))])
        #expect(doc.serialized(pretty: false)
                == #"{"b":1,"a":"quote \" backslash \\ newline \n tab \t bell \u0007 £","n":null,"x":1.0,"y":0.25,"list":[true]}"#)
    }

    @Test func prettyOutputIndentsByTwoSpaces() {
        let doc = JSONValue.object([("a", .array([.int(1), .int(2)])), ("e", .object([]))])
        #expect(doc.serialized() == "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {}\n}")
    }
}
