"""Admin forms as a browser would post them, for the tests that edit through admin."""

from html.parser import HTMLParser


class ChangeForm(HTMLParser):
    """What a browser would post for an admin change form: every field, inline management
    forms included, as rendered."""

    def __init__(self, html: str, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self.textarea = self.select = None
        self.feed(html)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        elif not self.inside or "__prefix__" in attrs.get("name", ""):
            return
        elif tag == "input" and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") not in {"checkbox", "radio"}:
                self.add(attrs["name"], attrs.get("value", ""))
            elif "checked" in attrs:
                self.add(attrs["name"], attrs.get("value", "on"))
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea:
            # Django writes a newline after <textarea>, which browsers drop.
            self.add(self.textarea, self.text.removeprefix("\n").replace("\n", "\r\n"))
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.text += data


def change_form(client, model: str, pk: int) -> dict:
    page = client.get(f"/admin/careers/{model}/{pk}/change/")
    assert page.status_code == 200
    return ChangeForm(page.content.decode(), f"{model}_form").data


def post_change(client, model: str, pk: int, **changes):
    data = change_form(client, model, pk) | {"_save": ["Save"]}
    data.update(
        {key: value if isinstance(value, list) else [value] for key, value in changes.items()}
    )
    return client.post(f"/admin/careers/{model}/{pk}/change/", data)
