#!/usr/bin/python3
"""The bare baseline of the window's memory (issue 15): a GTK window holding a WebKitGTK web view,
the same library the app draws with, showing a static page of 50 list rows and a search box, and
nothing else: no app, no scripts, no workspace. specs/scale.test.mjs measures its PSS (the process
and its WebKit processes) beside the app's, in the same run, on the same display.

Prints "ready" once the page has loaded; quits on SIGTERM."""
import signal
import sys

import gi

gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

ROWS = ''.join(
    f'<li><b>Claim {i}</b>: unemployment rose by {i % 9 + 1}.{i % 7} per cent in {2000 + i % 25},'
    f' according to the statistics office <i>(checked)</i></li>'
    for i in range(50)
)
PAGE = f'<!doctype html><html><body><input placeholder="Search claims"><ul>{ROWS}</ul></body></html>'


def loaded(view, event):
    if event == WebKit2.LoadEvent.FINISHED:
        print('ready', flush=True)


window = Gtk.Window(title='bare web view')
window.set_default_size(1280, 820)
view = WebKit2.WebView()
view.connect('load-changed', loaded)
view.load_html(PAGE, 'about:blank')
window.add(view)
window.connect('destroy', Gtk.main_quit)
window.show_all()
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, Gtk.main_quit)
Gtk.main()
sys.exit(0)
