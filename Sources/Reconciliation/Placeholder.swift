public enum ReconciliationPlaceholder {}
