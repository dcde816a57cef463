from pathlib import Path

from engine.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"
PAGE = "app_pages/import_.py"


def upload(at, *names):
    at.file_uploader[0].set_value([(n, (SAMPLES / n).read_bytes(), "text/csv") for n in names]).run()
    return at


def pickers(at):
    """The column pickers of the uploaded files (import_map_<file id>_<field>)."""
    return [b for b in at.selectbox if b.key and b.key.startswith("import_map_")]


def metrics(at):
    return [(m.label, m.value) for m in at.metric]


def test_preview_writes_nothing_until_confirmed(app, db_path):
    at = upload(app(PAGE), "linkedin_connections.csv")
    assert not at.exception
    assert ("To add", "6") in metrics(at)
    assert any("linkedin file" in m.value for m in at.markdown)
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0
    at.button(key="import_confirm").click().run()
    assert not at.exception
    assert any("6 added" in s.value for s in at.success)
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 6
        assert len(store.import_batches()) == 1


def test_two_formats_at_once_merge_the_same_person(app, db_path):
    at = upload(app(PAGE), "linkedin_connections.csv", "outlook_desktop.csv")
    values = metrics(at)
    assert values.count(("To merge", "1")) == 1  # Outlook adds José's email; Chloé's LinkedIn title outranks it
    at.button(key="import_confirm").click().run()
    with Store(db_path) as store:
        contacts = store.contacts().set_index("full_name")
        assert len(contacts) == 6
        assert contacts.loc["José Müller", "email"] == "jose.muller@acme.example"


def test_each_upload_is_planned_against_the_store_alone_not_an_earlier_uploads_people(app, db_path):
    """Uploads are planned on a fork of one kept index of the contacts; a file's new people, added to the fork
    for the files after it, never reach the index the next upload is planned on."""
    at = upload(app(PAGE), "linkedin_connections.csv", "outlook_desktop.csv")
    assert metrics(at).count(("To merge", "1")) == 1  # Outlook meets LinkedIn's José in the same upload
    at = upload(at, "outlook_desktop.csv")
    assert ("To merge", "0") in metrics(at) and not at.exception  # alone, it meets nobody stored
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0


def test_an_unreadable_file_is_named_and_the_others_still_import(app, db_path):
    at = app(PAGE)
    at.file_uploader[0].set_value([("broken.csv", b"\x00\x01\x02binary", "text/csv"),
                                   ("linkedin_connections.csv", (SAMPLES / "linkedin_connections.csv").read_bytes(),
                                    "text/csv")]).run()
    assert any("broken.csv" in e.value.replace("\\", "") and "cannot be imported" in e.value for e in at.error)
    at.button(key="import_confirm").click().run()
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 6


def test_reimport_is_a_no_op_and_undo_restores(app, db_path):
    at = upload(app(PAGE), "linkedin_connections.csv")
    at.button(key="import_confirm").click().run()
    at = upload(at, "linkedin_connections.csv")
    assert ("To add", "0") in metrics(at)
    at.button(key="import_confirm").click().run()
    assert any("nothing new" in i.value for i in at.info)
    with Store(db_path) as store:
        batch = int(store.import_batches()["id"][0])
        assert len(store.import_batches()) == 1
    at.button(key=f"import_undo_{batch}").click().run()
    assert any("undone" in s.value for s in at.success)
    with Store(db_path) as store:
        assert store.counts()["contacts"] == 0


def test_column_mapping_can_be_corrected_for_a_generic_csv(app, db_path):
    data = b"Person;Org;Role;Remark\nAna Ruiz;Foo;Data Analyst;met at PyCon\nBen Kim;Bar;Nurse;\n"
    at = app(PAGE)
    at.file_uploader[0].set_value(("people.csv", data, "text/csv")).run()
    wanted = {"full_name": "Person", "company": "Org", "title": "Role", "notes": "Remark"}
    for box in at.selectbox:
        if box.key and box.key.startswith("import_map_"):
            field = box.key.split("_", 3)[3]  # import_map_<file id>_<field>
            box.set_value(wanted.get(field, "(not in this file)"))
    at.run()
    apply = [b for b in at.button if b.key and b.key.startswith("import_apply_")]
    if apply:  # the guess may already be right; if not, the corrected mapping is applied
        apply[0].click().run()
    assert ("To add", "2") in metrics(at)
    at.button(key="import_confirm").click().run()
    with Store(db_path) as store:
        contacts = store.contacts().set_index("full_name")
    assert contacts.loc["Ana Ruiz", "title"] == "Data Analyst" and contacts.loc["Ben Kim", "company"] == "Bar"
    assert contacts.loc["Ana Ruiz", "notes"] == "met at PyCon"


def test_a_known_export_shows_its_columns_and_offers_the_pickers_only_when_asked(app, db_path):
    at = upload(app(PAGE), "linkedin_connections.csv")
    assert not pickers(at)
    assert any("Job title: Position" in c.value and "Email: Email Address" in c.value for c in at.caption)
    remap = next(t for t in at.toggle if t.key and t.key.startswith("import_remap_"))
    remap.set_value(True).run()
    boxes = {b.key.split("_", 3)[3]: b for b in pickers(at)}
    assert len(boxes) == 12 and boxes["title"].value == "Position"  # the format's own columns, to change
    boxes["title"].set_value("Company")  # a wrong choice, to show it is applied
    at.run()
    next(b for b in at.button if b.key and b.key.startswith("import_apply_")).click().run()
    at.button(key="import_confirm").click().run()
    with Store(db_path) as store:
        contacts = store.contacts()
    assert (contacts["title"] == contacts["company"]).all()


def test_a_headerless_file_is_mapped_by_position(app, db_path):
    data = b"John Doe,John,Doe,john@doe.invalid\r\nJane Doe,Jane,Doe,jane@doe.invalid\r\n"
    at = app(PAGE)
    at.file_uploader[0].set_value(("no_header.csv", data, "text/csv")).run()
    assert any("which column holds the name" in w.value for w in at.warning)
    no_header = next(c for c in at.checkbox if c.key and c.key.startswith("import_headerless_"))
    assert no_header.value  # the first row holds an email address: it is a person, not column names
    boxes = {b.key.split("_", 3)[3]: b for b in at.selectbox if b.key and b.key.startswith("import_map_")}
    assert boxes["full_name"].options[1:] == ["Column 1: John Doe", "Column 2: John", "Column 3: Doe",
                                              "Column 4: john@doe.invalid"]
    boxes["full_name"].set_value("1")
    boxes["email"].set_value("4")
    at.run()
    next(b for b in at.button if b.key and b.key.startswith("import_apply_")).click().run()
    assert not at.exception and ("To add", "2") in metrics(at)
    at.button(key="import_confirm").click().run()
    with Store(db_path) as store:
        assert sorted(store.contacts()["full_name"]) == ["Jane Doe", "John Doe"]  # the first row too
