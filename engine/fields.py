"""The fields of a contact: what every file format is read into, what merging compares and what the store keeps."""

CONTACT_FIELDS = ("full_name", "first_name", "last_name", "email", "phone", "company", "title",
                  "linkedin_url", "notes", "tags", "tie_strength", "connected_on")
