"""The main menu: one context processor merges the menu flags of every domain policy (accounts, teams, analysis), so
each persona sees the entries of every app it may use and none it may not. The menu is no access rule (each page
checks again), but an entry a user may not use is a dead end, and a missing one hides a duty."""

import re

import pytest
from django.urls import reverse

from tests.conftest import login_client

# persona: the entries from accounts, teams and analysis policies it must see; every other listed entry is absent
MENU = {
    "worker": {"Mijn werkvoorraad", "Casussen", "Teamreflectie"},
    "coordinator": {"Mijn werkvoorraad", "Casussen", "Intake", "Teamprofiel", "Teamreflectie", "Wijkanalyse"},
    "policy_officer": {"Gemeente", "Zorgen per buurt", "Wijkanalyse"},
    "vt_liaison": {"Meldingen", "Overdracht registreren"},
    "log_officer": {"Toegangslog"},
}
ENTRIES = set().union(*MENU.values())


def menu(user) -> set[str]:
    html = login_client(user).get(reverse("accounts:settings")).content.decode()
    nav = html[html.index('<nav aria-label="Hoofdmenu">'):]
    nav = nav[:nav.index("</nav>")]
    return set(re.findall(r'<a class="utrecht-link" href="[^"]*">([^<]+)</a>', nav))


@pytest.mark.parametrize("persona", sorted(MENU))
def test_each_persona_gets_the_menu_entries_of_every_domain_policy(world, persona):
    shown = menu(getattr(world, persona))
    assert shown & ENTRIES == MENU[persona]


def test_an_anonymous_visitor_gets_no_menu_flags(client):
    from wijkveilig.accounts.context_processors import navigation

    class Request:
        user = None

    assert navigation(Request()) == {}
