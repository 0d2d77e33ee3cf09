"""The reconciliation a user would script: pandas (calamine engine) reads both workbooks, the references are
normalised and merged, datacompy compares the matched rows, and XlsxWriter writes a summary sheet and a
discrepancy sheet (less than the product's workbook: no Matched, Register, Portal or Run sheets, no styling).

    pipeline_pandas.py REGISTER.xlsx PORTAL.xlsx OUT.xlsx
"""
import sys, time
t0 = time.perf_counter()
import pandas as pd
import datacompy

register_path, portal_path, out = sys.argv[1:4]
register = pd.read_excel(register_path, engine="calamine", header=2, dtype=str)
portal = pd.read_excel(portal_path, engine="calamine", dtype=str)
t_read = time.perf_counter()


def normalise(column):
    return column.fillna("").str.upper().str.replace(r"[\s\-_./]", "", regex=True)


register["key"] = normalise(register["Portal Ref"].where(register["Portal Ref"].notna(), register["Ref"]))
portal = portal.rename(columns={"Recommendation ID": "Portal Ref", "Report": "Originating Inspection",
                                "Recommendation Text": "Description"})
portal["key"] = normalise(portal["Portal Ref"])
duplicates = register[register.duplicated("key", keep="first")]
register = register.drop_duplicates("key", keep="first")
portal = portal.drop_duplicates("key", keep="first")
merged = register.merge(portal, on="key", how="outer", suffixes=("_register", "_portal"), indicator=True)
compare = datacompy.PandasCompare(register[["key", "Type", "Status", "Description", "Originating Inspection"]],
                            portal[["key", "Type", "Status", "Description", "Originating Inspection"]],
                            join_columns="key", df1_name="register", df2_name="portal")
mismatches = compare.all_mismatch()
absent_from_portal = compare.df1_unq_rows
absent_from_register = compare.df2_unq_rows
t_compare = time.perf_counter()

summary = pd.DataFrame({
    "Measure": ["Register rows", "Portal rows", "Matched", "Absent from portal", "Absent from register",
                "Matched with differences", "Duplicate references"],
    "Count": [len(register), len(portal), int((merged["_merge"] == "both").sum()), len(absent_from_portal),
              len(absent_from_register), len(mismatches), len(duplicates)],
})
discrepancies = pd.concat([
    absent_from_portal.assign(Class="absent-from-portal"),
    absent_from_register.assign(Class="absent-from-register"),
    mismatches.assign(Class="differs"),
], ignore_index=True)
with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
    summary.to_excel(writer, sheet_name="Summary", index=False)
    pd.DataFrame({"Report": compare.report().splitlines()}).to_excel(writer, sheet_name="Summary", startrow=10, index=False)
    discrepancies.to_excel(writer, sheet_name="Discrepancies", index=False)
t_end = time.perf_counter()
print(f"rows register {len(register)} portal {len(portal)} discrepancies {len(discrepancies)}")
print(f"stage read {t_read - t0:.4f}\nstage compare {t_compare - t_read:.4f}\nstage write {t_end - t_compare:.4f}")
print(f"stage total {t_end - t0:.4f} 0 {time.process_time():.4f}")
