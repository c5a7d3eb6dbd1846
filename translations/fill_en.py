#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The English catalogue translates every source text to itself, so "complete" is checkable:
# run after lupdate to fill new English entries. Usage: translations/fill_en.py translations/hiscrm_en.ts
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1]
tree = ET.parse(path)
for message in tree.iter('message'):
    translation = message.find('translation')
    if translation.get('type') in ('unfinished', None) and not (translation.text or '').strip():
        translation.text = message.find('source').text
    translation.attrib.pop('type', None)
tree.write(path, encoding='utf-8', xml_declaration=True)
