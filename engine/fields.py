"""The fields of a contact: what every file format is read into, what merging compares and what the store keeps."""

CONTACT_FIELDS = ("full_name", "first_name", "last_name", "email", "phone", "company", "title",
                  "linkedin_url", "notes", "tags", "tie_strength", "connected_on")
# What the store keeps beyond them: every email and phone ever imported (the primary first, the same as `email`
# and `phone`), and where the current title and company come from (a file's format, and for a LinkedIn export
# its date), so that a fresher or more authoritative source wins and an older one only fills gaps.
STORED_FIELDS = (*CONTACT_FIELDS, "emails", "phones", "position_from", "position_on")
