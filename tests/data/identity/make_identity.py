"""Write the identity evaluation set: one invented network exported five ways, imported in this order.

Run `python tests/data/identity/make_identity.py`. Every row names the person it is (truth.csv: file, position in
the file, person), so a test can count true duplicates merged, offered or missed, and false merges.
The files copy real export shapes (/work/shared/FORMATS.md); tests/data/import/make_samples.py has the headers.

What is in it: nicknames (Tom/Thomas, Kate/Katherine, Mike/Michael, Liv/Olivia, Dan/Daniel, Alex/Alexander,
Peggy/Margaret, Bill/William, Chris/Christopher), transliteration (Zoë Müller ~ Zoe Mueller ~ Zoe Muller,
Søren Ågård ~ Soeren Aagaard, Дмитрий Иванов ~ Dmitry Ivanov, 王伟 ~ Wei Wang), letters an Outlook cp1252 export
could not encode (?ukasz, Wi?niewska, Y?lmaz), initials (J. Smith), company variants (Stripe / Stripe Inc.,
Allegro / Allegro.pl / Allegro Sp. z o.o., Deloitte / Deloitte Consulting LLP, email domain ~ company), and
traps: two Michael Chens (a nurse and a warehouse supervisor), father and son Robert Kowalski Sr./Jr., Dan vs
Daniela Okafor, two Hans Webers, two Ben Carters with their own LinkedIn profiles, Chris Park who may be
Christopher or Christine, J. Smith who may be John or Jane. One person is in the Google file twice (Kim and
Kimberly Park): planning only recognises exact repeats within a file, so possible_duplicates must offer them.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "import"))
from make_samples import (  # noqa: E402
    GOOGLE_HEADER,
    LINKEDIN_HEADER,
    LINKEDIN_PREAMBLE,
    OUTLOOK_COM_HEADER,
    OUTLOOK_HEADER,
)

# (person, first, last, url slug, email, company, position, connected on)
LINKEDIN = [
    ("thomas-nguyen", "Thomas", "Nguyen", "thomas-nguyen-3b1", "", "Stripe", "Senior Software Engineer",
     "12 Apr 2021"),
    ("katherine-oneill", "Katherine", "O'Neill", "katherine-oneill", "", "Accenture", "Managing Director",
     "03 Mar 2020"),
    ("michael-chen-warehouse", "Michael", "Chen", "michael-chen-logistics", "", "Northwind Logistics",
     "Warehouse Supervisor", "19 Aug 2022"),
    ("michael-chen-nurse", "Michael", "Chen", "michaelchen-rn", "", "St. Mary's Hospital", "Registered Nurse",
     "05 Jan 2019"),
    ("olivia-brown", "Olivia", "Brown", "olivia-brown-ux", "", "Spotify", "UX Researcher", "22 Jun 2023"),
    ("daniel-okafor", "Daniel", "Okafor", "daniel-okafor", "", "Deloitte Consulting LLP", "Senior Consultant",
     "14 Feb 2022"),
    ("zoe-muller", "Zoë", "Müller", "zo%C3%AB-m%C3%BCller", "", "SAP SE", "Product Manager", "30 Sep 2021"),
    ("lukasz-nowak", "Łukasz", "Nowak", "lukasz-nowak-pl", "", "Allegro.pl", "Data Engineer", "11 Nov 2020"),
    ("robert-kowalski-jr", "Robert", "Kowalski Jr.", "rob-kowalski-jr", "", "Kowalski & Son Plumbing", "Owner",
     "08 Jul 2018"),
    ("dmitry-ivanov", "Dmitry", "Ivanov", "dmitry-ivanov", "", "Yandex", "ML Engineer", "17 May 2021"),
    ("john-smith", "John", "Smith", "john-smith-acme", "", "Acme Corp", "Sales Director", "02 Feb 2017"),
    ("jane-smith", "Jane", "Smith", "jane-smith-acme", "", "Acme Corp", "HR Business Partner", "09 Oct 2019"),
    ("wei-wang", "Wei", "Wang", "wei-wang-tencent", "", "Tencent", "Game Producer", "21 Mar 2022"),
    ("chloe-martin", "Chloé", "Martin", "chloe-martin", "", "L'Oréal", "Chargée de recrutement", "02 Jun 2023"),
    ("priya-natarajan", "Priya", "Natarajan", "priya-n", "priya@globex.com", "Globex", "Product Manager",
     "17 May 2023"),
    ("ben-carter-initech", "Ben", "Carter", "ben-carter-1", "", "Initech", "Backend Engineer", "04 Apr 2022"),
    ("katarzyna-wisniewska", "Katarzyna", "Wiśniewska", "k-wisniewska", "", "PKO Bank Polski", "Risk Analyst",
     "13 Dec 2021"),
    ("alexander-rivera", "Alexander", "Rivera", "alex-rivera", "", "Shopify", "Staff Engineer", "28 Feb 2020"),
    ("margaret-lee", "Margaret", "Lee", "margaret-lee-rn", "", "Kaiser Permanente", "Nurse Manager",
     "16 Aug 2016"),
    ("william-evans", "William", "Evans", "william-evans-ibm", "", "IBM", "Solutions Architect", "07 Jul 2015"),
    ("sophie-laurent", "Sophie", "Laurent", "sophie-laurent", "", "Capgemini", "Consultante", "25 Jan 2024"),
    ("hans-weber-bmw", "Hans", "Weber", "hans-weber-bmw", "", "BMW Group", "Ingenieur", "10 Oct 2020"),
    ("emily-davis", "Emily", "Davis", "emily-davis", "emily.davis@contoso.com", "Contoso", "Controller",
     "01 Mar 2021"),
    ("christopher-park", "Christopher", "Park", "christopher-park", "", "Microsoft", "Program Manager",
     "11 May 2019"),
    ("christine-park", "Christine", "Park", "christine-park-ms", "", "Microsoft", "Designer", "12 May 2019"),
    ("anna-weber", "Anna", "Weber, PhD", "anna-weber-phd", "", "Siemens AG", "Leiterin Personalentwicklung",
     "07 Mar 2021"),
]

# (person, cells by header)
GOOGLE = [
    ("thomas-nguyen", {"First Name": "Tom", "Last Name": "Nguyen", "Organization Name": "Stripe Inc.",
                       "E-mail 1 - Label": "* Work", "E-mail 1 - Value": "tom@stripe.com",
                       "Labels": "* myContacts ::: Work"}),
    ("michael-chen-warehouse", {"First Name": "Mike", "Last Name": "Chen",
                                "Organization Name": "Northwind Logistics Inc.",
                                "E-mail 1 - Value": "mike.chen@northwind-logistics.com", "Phone 1 - Value":
                                "+1 555 0134", "Labels": "* myContacts"}),
    ("zoe-muller", {"First Name": "Zoe", "Last Name": "Mueller", "Organization Name": "SAP",
                    "E-mail 1 - Value": "zoe.mueller@sap.com", "Labels": "* myContacts ::: Work"}),
    ("daniela-okafor", {"First Name": "Daniela", "Last Name": "Okafor", "Organization Name": "Globex",
                        "E-mail 1 - Value": "daniela.okafor@gmail.com", "Labels": "* myContacts"}),
    ("soren-agard", {"First Name": "Søren", "Last Name": "Ågård", "Organization Name": "Novo Nordisk A/S",
                     "Organization Title": "Scientist", "Labels": "* myContacts"}),
    ("ben-carter-design", {"First Name": "Ben", "Last Name": "Carter", "Organization Name": "Initech",
                           "Organization Title": "Designer",
                           "Website 1 - Value": "https://www.linkedin.com/in/bcarter-design",
                           "Labels": "* myContacts"}),
    ("omer-yilmaz", {"First Name": "Ömer", "Last Name": "Yılmaz", "Organization Name": "Trendyol",
                     "E-mail 1 - Value": "omer.yilmaz@trendyol.com", "Labels": "* myContacts"}),
    ("priya-natarajan", {"First Name": "Priya", "Last Name": "N.", "E-mail 1 - Value": "Priya@Globex.com",
                         "Labels": "* myContacts"}),
    ("william-evans", {"First Name": "Bill", "Last Name": "Evans", "E-mail 1 - Value": "bill.evans@ibm.com",
                       "Labels": "* myContacts"}),
    ("sophie-laurent", {"First Name": "Sophie", "Last Name": "Laurent", "Organization Name": "Sopra Steria",
                        "E-mail 1 - Value": "sophie.laurent@gmail.com", "Labels": "* myContacts"}),
    ("kimberly-park", {"First Name": "Kimberly", "Last Name": "Park", "Organization Name": "Fabrikam",
                       "E-mail 1 - Value": "kimberly.park@fabrikam.com", "Labels": "* myContacts"}),
    ("kimberly-park", {"First Name": "Kim", "Last Name": "Park", "Organization Name": "Fabrikam, Inc.",
                       "Phone 1 - Value": "+1 555 0161", "Labels": "* myContacts"}),  # the same file, twice
    ("grandma", {"First Name": "Grandma", "Phone 1 - Value": "+1 555 0100", "Labels": "* myContacts ::: Family"}),
    ("lucia-gomez", {"First Name": "Lucía", "Last Name": "Gómez", "Organization Name": "Telefónica S.A.",
                     "E-mail 1 - Value": "lucia.gomez@telefonica.com", "Labels": "* myContacts"}),
]

# Outlook desktop, written in cp1252: Ł, ś and ı are not in it and arrive as "?".
OUTLOOK = [
    ("katherine-oneill", {"First Name": "Kate", "Last Name": "O’Neill", "Company": "Accenture plc",
                          "Job Title": "Managing Director", "E-mail Address": "kate.oneill@accenture.com"}),
    ("daniel-okafor", {"First Name": "Dan", "Last Name": "Okafor", "Company": "Deloitte",
                       "E-mail Address": "dan.okafor@deloitte.com", "Mobile Phone": "+44 7700 900123"}),
    ("lukasz-nowak", {"First Name": "Łukasz", "Last Name": "Nowak", "Company": "Allegro Sp. z o.o.",
                      "E-mail Address": "lukasz.nowak@allegro.pl", "Notes": "Met at PyCon PL – Kraków"}),
    ("katarzyna-wisniewska", {"First Name": "Katarzyna", "Last Name": "Wiśniewska",
                              "Company": "PKO Bank Polski S.A.", "E-mail Address": "k.wisniewska@pkobp.pl"}),
    ("omer-yilmaz", {"First Name": "Ömer", "Last Name": "Yılmaz", "Company": "Trendyol Group",
                     "Job Title": "Engineering Manager"}),
    ("robert-kowalski-jr", {"First Name": "Robert", "Last Name": "Kowalski", "Company": "Kowalski & Son Plumbing",
                            "E-mail Address": "rob@kowalskiplumbing.com", "Business Phone": "+1 555 0177"}),
    ("lucia-gomez", {"First Name": "Lucía", "Last Name": "Gómez", "Company": "Telefónica",
                     "E-mail Address": "lucia.gomez@telefonica.com"}),
]

# Apple Contacts vCard 3.0: (person, card lines between BEGIN and END)
VCARDS = [
    ("michael-chen-nurse", ["N:Chen;Michael;;;", "FN:Michael Chen", "ORG:St Mary's Hospital;Cardiology",
                            "TITLE:RN", "EMAIL;type=INTERNET;type=WORK;type=pref:m.chen@stmarys.org"]),
    ("olivia-brown", ["N:Brown;Liv;;;", "FN:Liv Brown", "ORG:Spotify AB;",
                      "item1.EMAIL;type=INTERNET:liv.brown@spotify.com", "item1.X-ABLabel:_$!<Other>!$_"]),
    ("robert-kowalski-sr", ["N:Kowalski;Robert;;;Sr.", "FN:Robert Kowalski Sr.",
                            "EMAIL;type=INTERNET;type=HOME:bob.kowalski.sr@gmail.com", "NOTE:Rob's dad\\, retired"]),
    ("dmitry-ivanov", ["N:Иванов;Дмитрий;;;", "FN:Дмитрий Иванов", "ORG:Yandex;",
                       "EMAIL;type=INTERNET;type=WORK:dmitry.ivanov@yandex-team.ru"]),
    ("wei-wang", ["N:王;伟;;;", "FN:王伟", "ORG:Tencent;", "TEL;type=CELL:+86 138 0000 0000"]),
    ("margaret-lee", ["N:Lee;Peggy;;;", "FN:Peggy Lee", "ORG:Kaiser Permanente;"]),
    ("christopher-park", ["N:Park;Chris;;;", "FN:Chris Park",
                          "EMAIL;type=INTERNET;type=WORK:chris.park@microsoft.com"]),
    ("hans-weber-bosch", ["N:Weber;Hans;;;", "FN:Hans Weber", "ORG:Robert Bosch GmbH;",
                          "EMAIL;type=INTERNET;type=WORK:hans.weber@bosch.com"]),
    ("anna-weber", ["N:Weber;Anna;;Dr.;", "FN:Dr. Anna Weber", "ORG:Siemens AG;People & Culture",
                    "EMAIL;type=INTERNET;type=WORK:anna.weber@siemens.com"]),
]

OUTLOOK_COM = [
    ("zoe-muller", {"First Name": "Zoe", "Last Name": "Muller", "Company": "SAP SE", "Job Title": "Product Lead"}),
    ("soren-agard", {"First Name": "Soeren", "Last Name": "Aagaard", "Company": "Novo Nordisk",
                     "E-mail Address": "soeren.aagaard@novonordisk.com"}),
    ("john-smith", {"First Name": "J.", "Last Name": "Smith", "Company": "ACME Corporation",
                    "E-mail Address": "j.smith@acme.com"}),
    ("alexander-rivera", {"First Name": "Alex", "Last Name": "Rivera", "Company": "Shopify Inc."}),
    ("emily-davis", {"First Name": "Emily", "Last Name": "Davis-Clark", "E-mail Address": "Emily.Davis@contoso.com",
                     "Company": "Contoso Ltd"}),
    ("mia-wong", {"First Name": "Mia", "Last Name": "Wong", "Company": "Fabrikam"}),
    ("thomas-nguyen", {"First Name": "Tommy", "Last Name": "Nguyen", "Company": "stripe.com"}),
]


def linkedin_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LINKEDIN_HEADER)
    for _, first, last, slug, email, company, position, connected in LINKEDIN:
        writer.writerow([first, last, f"https://www.linkedin.com/in/{slug}", email, company, position, connected])
    return (LINKEDIN_PREAMBLE + out.getvalue()).encode("utf-8")


def google_csv() -> bytes:
    out = io.StringIO()
    rows = [[cells.get(h, "") for h in GOOGLE_HEADER] for _, cells in GOOGLE]
    csv.writer(out, lineterminator="\r\n").writerows([GOOGLE_HEADER, *rows])
    return out.getvalue().encode("utf-8-sig")


def outlook_csv() -> bytes:
    fixed = {"Anniversary": "0/0/00", "Birthday": "0/0/00", "Gender": "Unspecified", "Priority": "Normal",
             "Private": "False", "Sensitivity": "Normal"}
    out = io.StringIO()
    rows = [[({**fixed, **cells}).get(h, "") for h in OUTLOOK_HEADER] for _, cells in OUTLOOK]
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([OUTLOOK_HEADER, *rows])
    return out.getvalue().encode("cp1252", errors="replace")  # what Outlook does with letters outside cp1252


def vcards() -> bytes:
    cards = []
    for _, lines in VCARDS:
        cards += ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.0//EN", *lines, "END:VCARD"]
    return ("\r\n".join(cards) + "\r\n").encode("utf-8")


def outlook_com_csv() -> bytes:
    out = io.StringIO()
    rows = [[cells.get(h, "") for h in OUTLOOK_COM_HEADER] for _, cells in OUTLOOK_COM]
    csv.writer(out, lineterminator="\r\n").writerows([OUTLOOK_COM_HEADER, *rows])
    return out.getvalue().encode("utf-8-sig")


# In import order.
FILES = {
    "1_Connections.csv": (linkedin_csv, [p[0] for p in LINKEDIN]),
    "2_google_contacts.csv": (google_csv, [p[0] for p in GOOGLE]),
    "3_outlook_desktop.csv": (outlook_csv, [p[0] for p in OUTLOOK]),
    "4_iphone.vcf": (vcards, [p[0] for p in VCARDS]),
    "5_outlook_com.csv": (outlook_com_csv, [p[0] for p in OUTLOOK_COM]),
}


def truth_csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["file", "position", "person"])
    for name, (_, people) in FILES.items():
        writer.writerows([name, i, person] for i, person in enumerate(people))
    return out.getvalue().encode("utf-8")


if __name__ == "__main__":
    for name, (make, _) in FILES.items():
        (HERE / name).write_bytes(make())
        print(f"{name}: {len(make())} bytes")
    (HERE / "truth.csv").write_bytes(truth_csv())
