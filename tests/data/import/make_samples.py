"""Write the small contact files the importer tests read; run `python tests/data/import/make_samples.py`.

Each file copies the shape of a real export (see /work/shared/FORMATS.md) and carries its nasty cases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

HERE = Path(__file__).parent

LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
LINKEDIN_PREAMBLE = (
    'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their connections to see or "
    "download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can "
    'learn more here https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
LINKEDIN_ROWS = [
    ["Anna", "Weber, PhD", "https://www.linkedin.com/in/anna-weber-phd", "", "Siemens AG",
     "Leiterin Personalentwicklung", "07 Mar 2021"],
    ["José", "Müller", "https://www.linkedin.com/in/jos%C3%A9-m%C3%BCller-4b2a1", "", "Acme Inc.",
     "Data Engineer", "15 Jan 2020"],
    ["Ana", "Ruiz", "https://www.linkedin.com/in/ana-ruiz", "ana.ruiz@example.com", "Foo", "Data Analyst",
     "01 Feb 2019"],
    ["Sam 🌱", "Okafor", "https://www.linkedin.com/in/sam-okafor", "", "'=HYPERLINK(\"http://evil\")",
     "'+Growth Marketing Lead", "23 Nov 2022"],
    ["Chloé", "Martin", "https://fr.linkedin.com/in/chloe-martin/", "", "L'Oréal", "Chargée de recrutement",
     "02 Jun 2023"],
    ["Lucía", "Gómez", "https://www.linkedin.com/in/lucia-gomez", "", "Telefónica S.A.", "Jefa de Ventas",
     "30 Sep 2018"],
    ["", "", "https://www.linkedin.com/in/ghost", "", "Nowhere", "Unknown", "01 Jan 2020"],
]


def linkedin_csv(rows: list[list[str]], *, preamble: bool = True, url: bool = True) -> bytes:
    header = LINKEDIN_HEADER if url else [c for c in LINKEDIN_HEADER if c != "URL"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row if url else row[:2] + row[3:])
    return ((LINKEDIN_PREAMBLE if preamble else "") + out.getvalue()).encode("utf-8")


def linkedin_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Connections"
    ws["A1"] = "Notes:"
    ws["A2"] = LINKEDIN_PREAMBLE.splitlines()[1].strip('"')
    ws.append([])  # keeps row 3 blank, as Excel shows it
    ws.append(LINKEDIN_HEADER)
    for row in LINKEDIN_ROWS[:3]:
        *text, connected = row
        ws.append([*text, dt.datetime.strptime(connected, "%d %b %Y")])
    # A formula cell: must come back as its literal text, never evaluated.
    ws.append(["Eve", "Formula", "", "", "=HYPERLINK(\"http://evil\",\"Acme\")", "-Chief", dt.datetime(2024, 4, 4)])
    wb.create_sheet("Other")
    return _xlsx_bytes(wb)


def generic_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "Readme"
    wb.active["A1"] = "My network, kept by hand"
    ws = wb.create_sheet("People")
    ws.append(["Name", "Company", "Job Title", "Email", "Tie strength", "Tags", "Met on"])
    ws.append(["Priya Natarajan", "Globex", "Product Manager", "Priya@Globex.com", 4, "mentor, alumni",
               dt.date(2023, 5, 17)])
    ws.append(["Tom Becker", "Initech", "Engineer", "", 9, "", None])
    ws.append([None, "Initech", None, "hr@initech.com", None, None, None])
    ws.append(["Mia Wong", None, None, None, 2.0, None, "2022-11-03"])
    return _xlsx_bytes(wb)


def _xlsx_bytes(wb) -> bytes:
    wb.properties.created = wb.properties.modified = dt.datetime(2024, 1, 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOGLE_HEADER = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
    "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
    "E-mail 1 - Label", "E-mail 1 - Value", "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label",
    "Phone 1 - Value", "Address 1 - Label", "Address 1 - Formatted", "Website 1 - Label", "Website 1 - Value",
]


def google_csv() -> bytes:
    def row(**cells: str) -> list[str]:
        return [cells.get(h, "") for h in GOOGLE_HEADER]

    rows = [
        row(**{"First Name": "Ana", "Middle Name": "María", "Last Name": "Ruiz", "Organization Name": "Bar",
               "Organization Title": "Data Scientist", "Labels": "* myContacts ::: Work ::: Madrid",
               "E-mail 1 - Label": "* Work ::: Home", "E-mail 1 - Value": "Ana@Bar.io ::: ana.ruiz@example.com",
               "Phone 1 - Value": "+34 600 000 000", "Notes": "Met at PyData.\nAsk about the data team.",
               "Website 1 - Value": "https://ana.example.com"}),
        row(**{"First Name": "Grandma", "Labels": "* myContacts ::: Family", "Phone 1 - Value": "+1 555 0100",
               "Address 1 - Formatted": "1 Main St\nSpringfield"}),
        row(**{"E-mail 1 - Value": "newsletter@shop.example", "Labels": "* myContacts"}),
        row(**{"Organization Name": "Initech", "File As": "Initech", "Phone 1 - Value": "+1 555 0199",
               "Labels": "* myContacts"}),
        row(**{"First Name": "Kenji", "Last Name": "Sato", "Name Suffix": "Jr.", "Organization Name": "Globex",
               "Organization Title": "CTO", "Website 1 - Value": "http://linkedin.com/in/kenji-sato?trk=x",
               "Labels": "Work"}),
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([GOOGLE_HEADER, *rows])
    return out.getvalue().encode("utf-8-sig")


GOOGLE_OLD_HEADER = [
    "Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi",
    "Additional Name Yomi", "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials", "Nickname",
    "Short Name", "Maiden Name", "Birthday", "Gender", "Location", "Billing Information", "Directory Server",
    "Mileage", "Occupation", "Hobby", "Sensitivity", "Priority", "Subject", "Notes", "Language", "Photo",
    "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value", "Phone 1 - Type", "Phone 1 - Value",
    "Organization 1 - Type", "Organization 1 - Name", "Organization 1 - Yomi Name", "Organization 1 - Title",
    "Organization 1 - Department", "Website 1 - Type", "Website 1 - Value",
]


def google_old_csv() -> bytes:
    def row(**cells: str) -> list[str]:
        return [cells.get(h, "") for h in GOOGLE_OLD_HEADER]

    rows = [
        row(Name="Dr. Marcus Johnson Jr.", **{"Given Name": "Marcus", "Family Name": "Johnson",
            "Name Prefix": "Dr.", "Name Suffix": "Jr.", "Group Membership": "* My Contacts ::: Mentors",
            "E-mail 1 - Value": "marcus@umbrella.example", "Organization 1 - Name": "Umbrella Corp",
            "Organization 1 - Title": "VP Research"}),
        row(Name="Umbrella Corp", **{"Organization 1 - Name": "Umbrella Corp",
            "Group Membership": "* My Contacts"}),
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([GOOGLE_OLD_HEADER, *rows])
    return out.getvalue().encode("utf-8")


OUTLOOK_HEADER = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
    "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
    "Other Street 3", "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax",
    "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account",
    "Anniversary", "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box",
    "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name",
    "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
    "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes",
    "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
    "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page",
]


def outlook_csv() -> bytes:
    fixed = {"Anniversary": "0/0/00", "Birthday": "0/0/00", "Gender": "Unspecified", "Priority": "Normal",
             "Private": "False", "Sensitivity": "Normal"}

    def row(**cells: str) -> list[str]:
        return [{**fixed, **cells}.get(h, "") for h in OUTLOOK_HEADER]

    rows = [
        row(**{"First Name": "Jose", "Last Name": "Muller", "Company": "ACME", "Job Title": "Data Engineer",
               "E-mail Address": "jose.muller@acme.example", "E-mail Type": "SMTP",
               "Mobile Phone": "+49 170 1234567", "Notes": "Met at the O’Reilly conf – paid €40 for lunch",
               "Categories": "Work;Berlin"}),
        row(**{"Title": "Mme", "First Name": "Chloé", "Last Name": "Martin", "Company": "L’Oréal",
               "Job Title": "Responsable RH", "Web Page": "https://www.linkedin.com/in/chloe-martin"}),
        row(**{"Company": "Contoso Ltd", "Business Phone": "+44 20 7946 0000"}),
    ]
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows([OUTLOOK_HEADER, *rows])
    return out.getvalue().encode("cp1252")


OUTLOOK_COM_HEADER = next(csv.reader([
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,"
    "E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,"
    "Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,"
    "Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,"
    "Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,"
    "Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,"
    "Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes"
]))


def outlook_com_csv() -> bytes:
    def row(**cells: str) -> list[str]:
        return [cells.get(h, "") for h in OUTLOOK_COM_HEADER]

    rows = [
        row(**{"First Name": "Björn", "Last Name": "Lindqvist", "E-mail Address": "bjorn@volvo.example",
               "Job Title": "Ingenjör", "Company": "Volvo AB", "Mobile Phone": "+46 70 123 45 67"}),
        row(**{"First Name": "Fatima", "Last Name": "Zahra", "Company": "Orange S.A.",
               "Job Title": "Directrice Produit"}),
    ]
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([OUTLOOK_COM_HEADER, *rows])
    return out.getvalue().encode("utf-8-sig")


VCARD3 = "\r\n".join([
    "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//macOS 14.0//EN", "N:Weber;Anna;;Dr.;PhD",
    "FN:Dr. Anna Weber", "ORG:Siemens AG;People & Culture", "TITLE:Leiterin Personalentwicklung",
    "EMAIL;type=INTERNET;type=WORK;type=pref:Anna.Weber@siemens.example",
    "TEL;type=CELL;type=VOICE;type=pref:+49 151 0000000",
    "NOTE:Met at Berlin Tech Jobs\\, 2023. Alumni network\\; very helpful.\\nFollow up in spring about the "
    "lead",
    " ership programme.",
    "CATEGORIES:mentor,alumni",
    "item1.URL;type=pref:https://www.linkedin.com/in/anna-weber-phd/",
    "item1.X-ABLabel:_$!<HomePage>!$_",
    "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:Initech", "ORG:Initech;", "X-ABShowAs:COMPANY", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Nakamura;Yuki;;;", "FN:Yuki Nakamura", "ORG:Globex\\, Inc.;",
    "item1.EMAIL;type=INTERNET:yuki@globex.example", "item1.X-ABLabel:_$!<Other>!$_",
    "URL:https://yuki.example.com", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:Broken;Card", "FN:Broken Card", "EMAIL;type=INTERNET", "END:VCARD",
    "BEGIN:VCARD", "VERSION:3.0", "N:;;;;", "FN:", "EMAIL:only-an-email@example.com", "END:VCARD",
]) + "\r\n"

VCARD4 = "\n".join([
    "BEGIN:VCARD", "VERSION:4.0", "FN:Lucía Gómez", "N:Gómez;Lucía;;;", "ORG:Telefónica S.A.",
    "TITLE:Jefa de Ventas", "EMAIL;TYPE=work:lucia.gomez@telefonica.example", "TEL;VALUE=uri:tel:+34-600-111-222",
    "URL:https://www.linkedin.com/in/lucia-gomez", "END:VCARD",
]) + "\n"


GERMAN_SEMICOLON = (
    "Vorname;Nachname;Firma;Position;E-Mail-Adresse;Notizen\r\n"
    "Jürgen;Groß;Müller & Söhne GmbH;Geschäftsführer;juergen@mueller-soehne.example;\"Kennt viele; hilfsbereit\"\r\n"
    "Ömer;Yılmaz;Deutsche Bahn AG;Projektleiter;;\r\n"
    "\r\n\r\n"
)

SPANISH_TAB = (
    "Nombre\tApellidos\tEmpresa\tCargo\tCorreo\tTeléfono\n"
    "Íñigo\tSáenz de Ugarte\tBBVA\tDirector de Tecnología\tinigo@bbva.example\t+34 611 222 333\n"
    "Begoña\tIbarra\tIberdrola\tAnalista\t\t\n"
)

FRENCH = (
    "Prénom,Nom,Entreprise,Poste,Courriel,Remarques\n"
    "Élodie,Rousseau,Société Générale,Chargée d'affaires,elodie@sg.example,\"Rencontrée au salon, très sympa\"\n"
    "Théo,Lefèvre,Renault SAS,Ingénieur,theo@@renault,\n"
)

RAGGED = (
    "Name,Company,Title\n"
    "Short Row,Acme\n"
    "Long Row,Acme,Engineer,unexpected,cells\n"
    ",Nameless Co,\n"
    "Fine Row,Acme,Designer\n"
)


def samples() -> dict[str, bytes]:
    """File name -> bytes of every sample."""
    return {
        "linkedin_connections.csv": linkedin_csv(LINKEDIN_ROWS) + b"\n\n",
        "linkedin_old_no_url.csv": linkedin_csv(LINKEDIN_ROWS[:3], preamble=False, url=False),
        "linkedin_connections.xlsx": linkedin_xlsx(),
        "network.xlsx": generic_xlsx(),
        "google_contacts.csv": google_csv(),
        "google_contacts_old.csv": google_old_csv(),
        "outlook_desktop.csv": outlook_csv(),
        "outlook_com.csv": outlook_com_csv(),
        "apple_contacts.vcf": VCARD3.encode("utf-8"),
        "contacts_v4.vcf": VCARD4.encode("utf-8"),
        "kontakte_semikolon.csv": GERMAN_SEMICOLON.encode("cp1252", errors="replace"),  # ı -> ?
        "contactos_tab.tsv": SPANISH_TAB.encode("utf-16"),
        "contacts_fr.csv": FRENCH.encode("utf-8"),
        "ragged.csv": RAGGED.encode("utf-8"),
    }


if __name__ == "__main__":
    for name, data in samples().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
