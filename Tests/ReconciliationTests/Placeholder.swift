import Testing
@Test func placeholderReconciliationTests() { #expect(Bool(true)) }
