#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# The English catalogue translates every source text to itself, so "complete" is checkable:
# run after lupdate to fill new English entries. Usage: translations/fill_en.py translations/hiscrm_en.ts
#
# Plural messages (<message numerus="yes">, sources with %n) get two <numerusform>s, singular and
# plural: "%n comments" becomes "%n comment" / "%n comments". When no singular can be derived with
# confidence ("%n unread", "%n+ results") both forms are the source. Forms that are already filled
# are kept, so running the script again changes nothing.
import re
import sys
import xml.etree.ElementTree as ET

# Words ending in "s" that are not plurals of a noun; a phrase holding one is left as it is.
NOT_PLURAL = {'is', 'was', 'has', 'does', 'this', 'its', 'his', 'us', 'yes', 'always', 'plus', 'status',
              'bonus', 'bus', 'gas', 'lens', 'news', 'series', 'species', 'less', 'unless', 'across'}


def singular_word(word):
    """The singular of an English plural noun, or None when the word does not look like one."""
    lower = word.lower()
    if len(lower) < 3 or not lower.endswith('s') or lower.endswith('ss') or lower in NOT_PLURAL:
        return None
    if lower.endswith('ies') and len(lower) > 4:
        return word[:-3] + ('Y' if word[-3].isupper() else 'y')
    if lower.endswith(('ches', 'shes', 'xes', 'sses', 'zzes')):
        return word[:-2]
    return word[:-1]


def singular(source):
    """ "%n comments" -> "%n comment", "%1, %n unread comments" -> "%1, %n unread comment".

    The noun phrase right after %n (up to punctuation or the end) is searched for its first plural
    noun. "%n+ …" (at least n) stays plural, and so does anything without a recognisable plural."""
    m = re.search(r'%n( [A-Za-z]+(?: [A-Za-z]+)*)', source)
    if not m:
        return source
    words = m.group(1).split(' ')[1:]
    for i, w in enumerate(words):
        s = singular_word(w)
        if s is not None:
            words[i] = s
            return source[:m.start(1)] + ' ' + ' '.join(words) + source[m.end(1):]
    return source


def fill_numerus(translation, source, indent):
    forms = translation.findall('numerusform')
    if len(forms) == 2 and all((f.text or '').strip() for f in forms):
        return
    for child in list(translation):
        translation.remove(child)
    translation.text = '\n' + indent + '    '
    for i, text in enumerate((singular(source), source)):
        form = ET.SubElement(translation, 'numerusform')
        form.text = text
        form.tail = '\n' + indent + ('    ' if i == 0 else '')


path = sys.argv[1]
tree = ET.parse(path)
for message in tree.iter('message'):
    translation = message.find('translation')
    source = message.find('source').text or ''
    if translation.get('type') in ('vanished', 'obsolete'):
        continue  # lupdate's record of a text the code no longer has; leave it to lupdate
    if message.get('numerus') == 'yes':
        fill_numerus(translation, source, ' ' * 8)
    elif translation.get('type') in ('unfinished', None) and not (translation.text or '').strip():
        translation.text = source
    translation.attrib.pop('type', None)
tree.write(path, encoding='utf-8', xml_declaration=True)
