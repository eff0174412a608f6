//! What a key means during the walk, whatever the keyboard layout.
//!
//! Workers type notes in Russian or Kazakh, so the layout is often Cyrillic
//! when a key is pressed: `q` then types `й`, and on the Windows Kazakh
//! layout the number row types `" ә і ң ғ , . ү ұ қ` instead of 1–0. Keys
//! are read by meaning here, so the quick exit and number keys work on every
//! layout. Yes/no letters are Latin `y`/`n` only: on a Russian layout the `y`
//! key types `н`, the first letter of "нет", so a Cyrillic letter would be
//! read the wrong way round.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The digit a character stands for on the number row, on a Latin,
/// Russian or Kazakh layout. `in_list`: also `,` and `.` (6 and 7 on the
/// Kazakh layout), which in a number field are decimal separators.
pub fn digit(c: char, in_list: bool) -> Option<u32> {
    if let Some(d) = c.to_digit(10) {
        return Some(d);
    }
    match c {
        '"' => Some(1),
        'ә' | 'Ә' => Some(2),
        'і' | 'І' => Some(3),
        'ң' | 'Ң' => Some(4),
        'ғ' | 'Ғ' => Some(5),
        ',' if in_list => Some(6),
        '.' if in_list => Some(7),
        'ү' | 'Ү' => Some(8),
        'ұ' | 'Ұ' => Some(9),
        'қ' | 'Қ' => Some(0),
        _ => None,
    }
}

/// Whether the key is the quick exit: Esc, F10 or Ctrl-C everywhere; and
/// `q` (`й` on a Cyrillic layout) where no text is being typed.
pub fn is_quick_exit(key: &KeyEvent, typing: bool) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc | KeyCode::F(10) => true,
        KeyCode::Char('c' | 'C' | 'с' | 'С') if ctrl => true,
        KeyCode::Char('q' | 'Q' | 'й' | 'Й') if !typing && !ctrl => true,
        _ => false,
    }
}

/// A character typed into a number or date field, with the Kazakh number
/// row read as digits (and `ө`, the key after 0, as `-`).
pub fn field_char(c: char, numeric: bool) -> char {
    if !numeric {
        return c;
    }
    match (digit(c, false), c) {
        (Some(d), _) => char::from_digit(d, 10).unwrap_or(c),
        (None, 'ө' | 'Ө') => '-',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventKind;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: ratatui::crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn the_kazakh_number_row_gives_digits() {
        let row = ['"', 'ә', 'і', 'ң', 'ғ', ',', '.', 'ү', 'ұ', 'қ'];
        for (i, c) in row.iter().enumerate() {
            assert_eq!(digit(*c, true), Some(((i + 1) % 10) as u32), "{c}");
        }
        assert_eq!(digit(',', false), None, "a decimal comma in a number field");
        assert_eq!(field_char('ә', true), '2');
        assert_eq!(field_char('ө', true), '-');
        assert_eq!(field_char('ә', false), 'ә', "text is typed as it is");
    }

    #[test]
    fn quick_exit_works_on_every_layout_but_never_eats_typed_letters() {
        let none = KeyModifiers::NONE;
        for code in [KeyCode::Esc, KeyCode::F(10)] {
            assert!(is_quick_exit(&key(code, none), true));
        }
        assert!(is_quick_exit(
            &key(KeyCode::Char('c'), KeyModifiers::CONTROL),
            true
        ));
        for c in ['q', 'й', 'Й'] {
            assert!(is_quick_exit(&key(KeyCode::Char(c), none), false), "{c}");
            assert!(!is_quick_exit(&key(KeyCode::Char(c), none), true), "{c}");
        }
        assert!(!is_quick_exit(&key(KeyCode::Char('c'), none), false));
    }
}
