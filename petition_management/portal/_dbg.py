import frappe
def run():
    for dt in ["Online Petition","Petition Letter","Petition Case","Petitioner","Petition Review","Petition Return Visit","Email Queue","Email Account","Comment","ToDo"]:
        print(dt, frappe.db.count(dt))
    print("files", frappe.db.sql("select attached_to_doctype, count(*) from tabFile where is_folder=0 group by attached_to_doctype"))
    print("users", frappe.get_all("User", filters={"name": ("like", "portal-%")}, pluck="name"))
    print("cats", frappe.get_all("Petition Category", filters={"name": ("like", "_T Portal%")}, pluck="name"))
