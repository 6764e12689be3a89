//! Character classes for Arabic news text.
//!
//! The tokenizer asks "what kind of character is this?" once per code point, so the
//! answer comes from match arms on ranges the compiler turns into jump tables, with
//! ASCII and the Arabic block answered first; only rare scripts fall through to the
//! (slower) Unicode property calls of `char`.

/// What a code point is, as far as tokenisation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    /// Arabic letter (base letters, extended letters, presentation forms).
    ArabicLetter,
    /// Arabic diacritic or Quranic mark: belongs to the letter before it.
    ArabicMark,
    /// Tatweel (kashida), U+0640: elongation, belongs to the word around it.
    Tatweel,
    /// ASCII or Arabic-Indic or Persian digit.
    Digit,
    /// Latin letter (ASCII or accented).
    LatinLetter,
    /// Letter of another script (Cyrillic, CJK, Hebrew…).
    OtherLetter,
    /// Combining mark of another script.
    OtherMark,
    /// Zero-width joiner / non-joiner: kept inside words, dropped from `norm`.
    Joiner,
    /// Invisible format and bidi controls: never part of a token.
    Control,
    /// Whitespace (including no-break spaces).
    Space,
    /// Punctuation (ASCII, Arabic, general).
    Punct,
    /// Everything else: currency, maths, emoji…
    Symbol,
}

#[inline(always)]
pub fn classify(c: char) -> CharClass {
    use CharClass::*;
    let u = c as u32;
    // The common case in Arabic news: a base letter of the Arabic block.
    if (0x0621..=0x064A).contains(&u) && u != 0x0640 && !(0x063B..=0x0640).contains(&u) {
        return ArabicLetter;
    }
    if u < 0x80 {
        return ascii(c);
    }
    classify_rest(c)
}

#[inline(always)]
fn ascii(c: char) -> CharClass {
    use CharClass::*;
    match c {
        'a'..='z' | 'A'..='Z' => LatinLetter,
        '0'..='9' => Digit,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' => Space,
        '\0'..='\x1f' | '\x7f' => Control,
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => Symbol,
        _ => Punct,
    }
}

#[inline(never)]
fn classify_rest(c: char) -> CharClass {
    use CharClass::*;
    let u = c as u32;
    match u {
        0x0600..=0x06FF => arabic_block(u),
        0x0750..=0x077F => ArabicLetter,
        0x08A0..=0x08C9 => ArabicLetter,
        0x08CA..=0x08FF => ArabicMark,
        0xFB50..=0xFDFF => match u {
            0xFD3E | 0xFD3F => Punct,
            0xFDFC | 0xFDFD => Symbol,
            _ => ArabicLetter,
        },
        0xFE70..=0xFEFC => ArabicLetter,
        0xFEFF => Control,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => Space,
        0x200C | 0x200D => Joiner,
        0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Control,
        0x00AD => Control,
        0x2010..=0x2027 | 0x2030..=0x205E => Punct,
        0x00C0..=0x024F if u != 0xD7 && u != 0xF7 => LatinLetter,
        0x0080..=0x009F => Control,
        _ => other(c),
    }
}

#[inline]
fn arabic_block(u: u32) -> CharClass {
    use CharClass::*;
    match u {
        0x0600..=0x0605 | 0x061C | 0x06DD => Control,
        0x0606..=0x060B | 0x060E | 0x060F | 0x06DE | 0x06E9 | 0x06FD | 0x06FE => Symbol,
        0x066A => Symbol, // ٪ Arabic percent sign
        0x060C | 0x060D | 0x061B | 0x061D..=0x061F | 0x066B..=0x066D | 0x06D4 => Punct,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06DC | 0x06DF..=0x06E4 => ArabicMark,
        0x06E7 | 0x06E8 | 0x06EA..=0x06ED => ArabicMark,
        0x0640 => Tatweel,
        0x0660..=0x0669 | 0x06F0..=0x06F9 => Digit,
        _ => ArabicLetter,
    }
}

#[cold]
fn other(c: char) -> CharClass {
    use CharClass::*;
    if c.is_whitespace() {
        Space
    } else if c.is_alphabetic() {
        OtherLetter
    } else if c.is_numeric() {
        Symbol
    } else if c.is_control() {
        Control
    } else if is_combining(c) {
        OtherMark
    } else if is_punctuation(c) {
        Punct
    } else {
        Symbol
    }
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_punctuation(c: char) -> bool {
    matches!(c as u32,
        0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF |
        0x2E00..=0x2E7F | 0x3001..=0x3003 | 0x3008..=0x3011 | 0xFE10..=0xFE19 | 0xFE30..=0xFE4F |
        0xFE50..=0xFE6B | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Value of a digit in any of the three digit sets, if it is one.
#[inline]
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for characters that end a sentence when they stand as a token.
#[inline]
pub fn is_sentence_final(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{061F}' | '\u{06D4}' | '\u{2026}' | '\u{203C}' | '\u{2047}' | '\u{2048}' | '\u{2049}')
}

/// Opening quotation marks (and their closing partner).
#[inline]
pub fn closing_quote_for(c: char) -> Option<char> {
    match c {
        '\u{00AB}' => Some('\u{00BB}'), // « »
        '\u{201C}' => Some('\u{201D}'), // “ ”
        '\u{201E}' => Some('\u{201D}'), // „ ”
        '\u{2039}' => Some('\u{203A}'),
        '"' => Some('"'),
        _ => None,
    }
}

/// Closing brackets and quotes that stay with the sentence they close.
#[inline]
pub fn is_closing(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '\u{00BB}' | '\u{201D}' | '\u{2019}' | '\u{203A}' | '"' | '\'' | '\u{FD3E}')
}
