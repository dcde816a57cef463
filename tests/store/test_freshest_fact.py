"""The freshest fact wins and nothing is thrown away: LinkedIn is the authority on title and company, address
books fill gaps, every email and phone is kept, and importing everything again changes nothing."""

import random
from pathlib import Path

import pytest

from engine.importing import preview_files
from engine.profile import make_profile
from engine.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "import"
HEAD = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN_2024 = HEAD + """Ana,Diaz,https://www.linkedin.com/in/ana-diaz,,Stripe,"Product Manager, Payments",12 May 2024
Sam,Okoro,https://www.linkedin.com/in/sam-okoro,,Foo Labs,Founder & CEO,03 Jan 2022
"""
LINKEDIN_2025 = HEAD + """Ana,Diaz,https://www.linkedin.com/in/ana-diaz,,Stripe,Director of Product,12 May 2024
Sam,Okoro,https://www.linkedin.com/in/sam-okoro,,Globex,Founder & CEO,03 Jan 2022
Lee,Park,https://www.linkedin.com/in/lee-park,,Initech,Analyst,20 Jun 2025
"""
GOOGLE = """Name,Given Name,Family Name,E-mail 1 - Value,Organization 1 - Name,Organization 1 - Title,Phone 1 - Value
Ana Diaz,Ana,Diaz,ana.diaz@gmail.com,Stripe,PM - Payments,+1 555 0101
Sam Okoro,Sam,Okoro,,Foo Labs,CEO,+1 555 0300
"""
OUTLOOK = """First Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone
Ana,Diaz,Stripe Inc.,Product Lead,ana@stripe.com,+1 555 0202
Sam,Okoro,Foo Labs,,,+1 555 0300
"""
FILES = {"Connections-2024.csv": LINKEDIN_2024, "google.csv": GOOGLE, "outlook.csv": OUTLOOK,
         "Connections-2025.csv": LINKEDIN_2025}
PROFILE = make_profile(target_role="Product Manager", companies="Globex: 5")


def import_file(store: Store, name: str, data: bytes):
    preview = preview_files([(name, data)], store.contacts(), PROFILE, owners=store.source_owners)[0]
    assert preview.error is None, preview.error
    result = store.apply_import(name, preview.parsed.format, preview.parsed.encoding, preview.parsed.contacts,
                                preview.plan.rows)
    return preview, result


def person(store: Store, name: str):
    return store.contacts().set_index("full_name").loc[name]


def test_an_address_book_fills_gaps_but_never_overwrites_linkedin(store):
    for name in ("Connections-2024.csv", "google.csv", "outlook.csv"):
        import_file(store, name, FILES[name].encode())
    ana, sam = person(store, "Ana Diaz"), person(store, "Sam Okoro")
    assert ana["title"] == "Product Manager, Payments" and sam["title"] == "Founder & CEO"
    assert ana["email"] == "ana.diaz@gmail.com" and list(ana["emails"]) == ["ana.diaz@gmail.com", "ana@stripe.com"]
    assert ana["phone"] == "+1 555 0101" and list(ana["phones"]) == ["+1 555 0101", "+1 555 0202"]
    assert list(sam["phones"]) == ["+1 555 0300"]  # the same number twice is kept once
    assert (ana["position_from"], str(ana["position_on"])[:10]) == ("linkedin", "2024-05-12")


def test_a_newer_linkedin_export_moves_people_and_an_older_one_never_moves_them_back(store):
    import_file(store, "Connections-2024.csv", LINKEDIN_2024.encode())
    import_file(store, "google.csv", GOOGLE.encode())
    preview, _ = import_file(store, "Connections-2025.csv", LINKEDIN_2025.encode())
    assert person(store, "Ana Diaz")["title"] == "Director of Product"
    assert person(store, "Sam Okoro")["company"] == "Globex"
    highlights = {line: why for line, why in preview.changes}
    assert highlights["Sam Okoro: Founder & CEO at Foo Labs -> Founder & CEO at Globex"] == \
        "moved to a target company: a good reason to write now"
    assert highlights["Ana Diaz: Product Manager, Payments at Stripe -> Director of Product at Stripe"] is None
    again, result = import_file(store, "Connections-2024.csv", LINKEDIN_2024.encode())  # an older export, late
    assert result.batch_id is None and person(store, "Ana Diaz")["title"] == "Director of Product"


def test_a_new_phone_number_is_no_reason_to_write(store):
    import_file(store, "Connections-2024.csv", LINKEDIN_2024.encode())
    preview, _ = import_file(store, "google.csv", GOOGLE.encode())
    assert preview.changes and all(why is None for _, why in preview.changes)
    assert "Ana Diaz: phone +1 555 0101 added" in [line for line, _ in preview.changes]


def every_file() -> dict[str, bytes]:
    """The seven formats' samples that read without a mapping or a sheet choice, and the files above."""
    samples = {p.name: p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.suffix in (".csv", ".tsv", ".vcf",
                                                                                          ".xlsx")}
    readable = {n: d for n, d in samples.items() if preview_files([(n, d)], Store(":memory:").contacts())[0].parsed}
    assert len(readable) >= 12
    return readable | {name: text.encode() for name, text in FILES.items()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_importing_every_file_again_in_any_order_changes_nothing(tmp_path, seed):
    files = list(every_file().items())
    random.Random(seed).shuffle(files)
    with Store(tmp_path / "unstuck.duckdb") as store:
        for name, data in files:
            import_file(store, name, data)
        before = store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id")
        random.Random(seed + 100).shuffle(files)
        again = {name: import_file(store, name, data)[1] for name, data in files}
        assert {name: (r.added, r.merged) for name, r in again.items() if r.batch_id is not None} == {}
        assert store.read("SELECT * EXCLUDE (created_at, updated_at) FROM contacts ORDER BY id").equals(before)
