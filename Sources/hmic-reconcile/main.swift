import Spreadsheet
print("hmic-reconcile")
