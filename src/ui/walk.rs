//! The walk in the terminal: full-screen on the alternate screen (as `less`
//! and `vim` do), one screen at a time, redrawn, never a scrolling log. When
//! the walk ends, however it ends, the terminal is back as it was, with
//! nothing of the screening in it or in its scrollback.
//!
//! Drawn with ratatui over crossterm: ratatui redraws only the cells that
//! change, which keeps a screen change well under the 20 ms budget, and
//! crossterm reads keys the same way on Unix and Windows consoles.

use std::io::{self, Stderr};
use std::time::{Duration, Instant};

use qorgau::i18n::Messages;
use qorgau::prompt::{Action, Block, Choice, Input, Interrupt, LineKind, Prompter, Reply, Screen};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Terminal;
use unicode_width::UnicodeWidthStr;

use super::keys::{digit, field_char, is_quick_exit};
use super::wrap::{hanging, one_line, wrap};

/// Digits typed within this time make one number (item 12 of a long list).
const DIGIT_WINDOW: Duration = Duration::from_millis(1200);

/// The terminal prompter. Creating it switches to the alternate screen;
/// dropping it (or a panic) switches back.
pub struct TerminalPrompter {
    terminal: Terminal<CrosstermBackend<Stderr>>,
    messages: Messages,
}

/// Leave the alternate screen and raw mode; safe to call more than once.
fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(io::stderr(), cursor::Show, LeaveAlternateScreen);
}

impl TerminalPrompter {
    /// Whether there is a terminal to ask on (stdin and stderr).
    pub fn available() -> bool {
        use std::io::IsTerminal;
        io::stdin().is_terminal() && io::stderr().is_terminal()
    }

    /// Switch to the alternate screen and read keys one by one.
    pub fn open(messages: Messages) -> io::Result<Self> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enable_raw_mode()?;
        let mut stderr = io::stderr();
        if let Err(e) = execute!(stderr, EnterAlternateScreen, cursor::Hide) {
            restore();
            return Err(e);
        }
        let terminal = match Terminal::new(CrosstermBackend::new(stderr)) {
            Ok(terminal) => terminal,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        Ok(TerminalPrompter { terminal, messages })
    }
}

impl Drop for TerminalPrompter {
    fn drop(&mut self) {
        restore();
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, screen: &Screen) -> Reply {
        let mut view = View::new(screen);
        loop {
            let size = self.terminal.size().map_err(|_| Interrupt::NoTerminal)?;
            let body_height = usize::from(size.height.saturating_sub(2)).max(1);
            let messages = &self.messages;
            self.terminal
                .draw(|frame| view.draw(frame, messages))
                .map_err(|_| Interrupt::NoTerminal)?;
            match event::read().map_err(|_| Interrupt::NoTerminal)? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(reply) = view.on_key(key, body_height, messages) {
                        return reply;
                    }
                }
                // A resize redraws, re-wrapped to the new width.
                _ => {}
            }
        }
    }
}

/// One screen's state while it is shown.
struct View<'s> {
    screen: &'s Screen,
    selected: Option<usize>,
    cursor: usize,
    checked: Vec<bool>,
    line: Vec<char>,
    caret: usize,
    page: usize,
    scroll: usize,
    help: bool,
    digits: String,
    digits_at: Instant,
    /// The item the previous digit of a two-digit number toggled.
    digit_toggled: Option<usize>,
    hint: Option<&'static str>,
}

fn choices(screen: &Screen) -> &[Choice] {
    match &screen.input {
        Input::One { choices, .. } | Input::Many { choices, .. } | Input::Line { choices, .. } => {
            choices
        }
        Input::Pages { .. } => &[],
    }
}

impl<'s> View<'s> {
    fn new(screen: &'s Screen) -> Self {
        let (selected, checked, line) = match &screen.input {
            Input::One { selected, .. } => (*selected, Vec::new(), Vec::new()),
            Input::Many { checked, .. } => (None, checked.clone(), Vec::new()),
            // On a line, `selected` is an answer beside the field ("not known").
            Input::Line {
                initial, selected, ..
            } => (*selected, Vec::new(), initial.chars().collect()),
            Input::Pages { .. } => (None, Vec::new(), Vec::new()),
        };
        let cursor = checked.iter().position(|c| *c).unwrap_or(0);
        View {
            screen,
            selected,
            cursor,
            checked,
            caret: line.len(),
            line,
            page: 0,
            scroll: 0,
            help: false,
            digits: String::new(),
            digits_at: Instant::now(),
            digit_toggled: None,
            hint: None,
        }
    }

    fn typing_text(&self) -> bool {
        matches!(
            self.screen.input,
            Input::Line {
                kind: LineKind::Text,
                ..
            }
        ) && !self.help
    }

    fn count(&self) -> usize {
        choices(self.screen).len()
    }

    /// The choice with the number typed so far (two digits for long lists).
    fn numbered(&mut self, d: u32) -> Option<usize> {
        let now = Instant::now();
        let joined = if now.duration_since(self.digits_at) < DIGIT_WINDOW {
            format!("{}{d}", self.digits)
        } else {
            String::new()
        };
        self.digits_at = now;
        let find = |number: &str| {
            number.parse::<usize>().ok().and_then(|n| {
                choices(self.screen)
                    .iter()
                    .position(|c| c.number == Some(n))
            })
        };
        if !joined.is_empty() {
            if let Some(index) = find(&joined) {
                self.digits = joined;
                return Some(index);
            }
        }
        self.digits = d.to_string();
        self.digit_toggled = None;
        find(&self.digits)
    }

    fn toggle(&mut self, index: usize) {
        let all = choices(self.screen);
        let Some(choice) = all.get(index) else {
            return;
        };
        let on = !self.checked[index];
        if on {
            // An exclusive choice (none of these, not sure …) stands alone.
            for (i, other) in all.iter().enumerate() {
                if i != index && (choice.exclusive || other.exclusive) {
                    self.checked[i] = false;
                }
            }
        }
        self.checked[index] = on;
        self.cursor = index;
    }

    fn back(&self) -> Option<Reply> {
        self.screen.back.then_some(Ok(Action::Back))
    }

    fn on_key(&mut self, key: KeyEvent, height: usize, _messages: &Messages) -> Option<Reply> {
        if is_quick_exit(&key, self.typing_text()) {
            return Some(Err(Interrupt::QuickExit));
        }
        self.hint = None;
        if self.help {
            match key.code {
                KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
                KeyCode::Down => self.scroll += 1,
                KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(height),
                KeyCode::PageDown => self.scroll += height,
                _ => {
                    self.help = false;
                    self.scroll = 0;
                }
            }
            return None;
        }
        let help_key =
            key.code == KeyCode::F(1) || (key.code == KeyCode::Char('?') && !self.typing_text());
        if help_key {
            if self.screen.help.is_some() {
                self.help = true;
                self.scroll = 0;
            }
            return None;
        }
        match &self.screen.input {
            Input::One { .. } => self.on_one(key, height),
            Input::Many { .. } => self.on_many(key, height),
            Input::Line { kind, .. } => self.on_line(key, *kind),
            Input::Pages { pages } => self.on_pages(key, height, pages.len()),
        }
    }

    fn on_one(&mut self, key: KeyEvent, height: usize) -> Option<Reply> {
        let n = self.count();
        let last = n.saturating_sub(1);
        match key.code {
            KeyCode::Up => self.selected = Some(self.selected.map_or(0, |s| s.saturating_sub(1))),
            KeyCode::Down => self.selected = Some(self.selected.map_or(0, |s| (s + 1).min(last))),
            KeyCode::PageUp => {
                self.selected = Some(self.selected.unwrap_or(0).saturating_sub(height))
            }
            KeyCode::PageDown => {
                self.selected = Some((self.selected.unwrap_or(0) + height).min(last))
            }
            KeyCode::Home => self.selected = Some(0),
            KeyCode::End => self.selected = Some(last),
            KeyCode::Enter => match self.selected {
                Some(s) => return Some(Ok(Action::Choose(s))),
                None => self.hint = Some("hint-choose-first"),
            },
            KeyCode::Right => match self.selected {
                Some(s) => return Some(Ok(Action::Choose(s))),
                None if self.screen.skip => return Some(Ok(Action::Skip)),
                None => {}
            },
            KeyCode::Left | KeyCode::Backspace => return self.back(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                let lower = c.to_ascii_lowercase();
                if let Some(i) = choices(self.screen)
                    .iter()
                    .position(|ch| ch.letter == Some(lower))
                {
                    self.selected = Some(i);
                } else if let Some(d) = digit(c, true) {
                    if let Some(i) = self.numbered(d) {
                        self.selected = Some(i);
                    }
                }
            }
            _ => {}
        }
        None
    }

    fn on_many(&mut self, key: KeyEvent, height: usize) -> Option<Reply> {
        let n = self.count();
        let last = n.saturating_sub(1);
        let marked: Vec<usize> = (0..n).filter(|&i| self.checked[i]).collect();
        match key.code {
            KeyCode::Up => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down => self.cursor = (self.cursor + 1).min(last),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(height),
            KeyCode::PageDown => self.cursor = (self.cursor + height).min(last),
            KeyCode::Char(' ') => self.toggle(self.cursor),
            KeyCode::Enter if !marked.is_empty() => return Some(Ok(Action::Mark(marked))),
            KeyCode::Enter => self.hint = Some("hint-mark-first"),
            KeyCode::Right if !marked.is_empty() => return Some(Ok(Action::Mark(marked))),
            KeyCode::Right if self.screen.skip => return Some(Ok(Action::Skip)),
            KeyCode::Left | KeyCode::Backspace => return self.back(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                if let Some(d) = digit(c, true) {
                    let previous = self.digit_toggled.take();
                    if let Some(i) = self.numbered(d) {
                        if self.digits.len() > 1 {
                            // The first digit toggled another item: undo it.
                            if let Some(p) = previous {
                                self.checked[p] = !self.checked[p];
                            }
                        }
                        self.toggle(i);
                        self.digit_toggled = Some(i);
                    }
                }
            }
            _ => {}
        }
        None
    }

    fn on_line(&mut self, key: KeyEvent, kind: LineKind) -> Option<Reply> {
        let empty = self.line.is_empty();
        let n = self.count();
        // The answers beside the field: ↓ goes to them, ↑ back to the field.
        match (key.code, self.selected) {
            (KeyCode::Down, None) if n > 0 => {
                self.selected = Some(0);
                return None;
            }
            (KeyCode::Down, Some(s)) => {
                self.selected = Some((s + 1).min(n.saturating_sub(1)));
                return None;
            }
            (KeyCode::Up, Some(0)) => {
                self.selected = None;
                return None;
            }
            (KeyCode::Up, Some(s)) => {
                self.selected = Some(s - 1);
                return None;
            }
            (KeyCode::Enter, Some(s)) => return Some(Ok(Action::Choose(s))),
            (KeyCode::Left | KeyCode::Backspace, Some(_)) => {
                self.selected = None;
                return None;
            }
            (KeyCode::Char(_), Some(_)) => self.selected = None,
            _ => {}
        }
        match key.code {
            KeyCode::Enter => return Some(Ok(Action::Type(self.line.iter().collect()))),
            KeyCode::Backspace | KeyCode::Left if empty => return self.back(),
            KeyCode::Backspace if self.caret > 0 => {
                self.caret -= 1;
                self.line.remove(self.caret);
            }
            KeyCode::Delete if self.caret < self.line.len() => {
                self.line.remove(self.caret);
            }
            KeyCode::Left => self.caret = self.caret.saturating_sub(1),
            KeyCode::Right => self.caret = (self.caret + 1).min(self.line.len()),
            KeyCode::Home => self.caret = 0,
            KeyCode::End => self.caret = self.line.len(),
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                let c = field_char(c, kind != LineKind::Text);
                if self.line.len() < 2000 {
                    self.line.insert(self.caret, c);
                    self.caret += 1;
                }
            }
            _ => {}
        }
        None
    }

    fn on_pages(&mut self, key: KeyEvent, height: usize, pages: usize) -> Option<Reply> {
        match key.code {
            KeyCode::Enter => return Some(Ok(Action::Next)),
            KeyCode::Right | KeyCode::Tab if self.page + 1 < pages => {
                self.page += 1;
                self.scroll = 0;
            }
            KeyCode::Left if self.page > 0 => {
                self.page -= 1;
                self.scroll = 0;
            }
            KeyCode::Left | KeyCode::Backspace => return self.back(),
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            KeyCode::Down => self.scroll += 1,
            KeyCode::PageUp => self.scroll = self.scroll.saturating_sub(height),
            KeyCode::PageDown | KeyCode::Char(' ') => self.scroll += height,
            KeyCode::Char(c) => {
                if let Some(d) = digit(c, true) {
                    let d = d as usize;
                    if (1..=pages).contains(&d) {
                        self.page = d - 1;
                        self.scroll = 0;
                    }
                }
            }
            _ => {}
        }
        None
    }

    // ---------------------------------------------------------------- drawing

    fn draw(&mut self, frame: &mut ratatui::Frame<'_>, messages: &Messages) {
        let area = frame.area();
        if area.height == 0 || area.width == 0 {
            return;
        }
        let bar = Style::default().add_modifier(Modifier::REVERSED);
        let width = usize::from(area.width);
        frame.render_widget(
            Paragraph::new(self.header_line(width)).style(bar),
            Rect { height: 1, ..area },
        );
        if area.height < 3 {
            return;
        }
        let body = Rect {
            x: area.x + 1,
            y: area.y + 1,
            width: area.width.saturating_sub(2),
            height: area.height - 2,
        };
        let height = usize::from(body.height);
        let (lines, anchor) = self.body_lines(usize::from(body.width), messages);
        let max_scroll = lines.len().saturating_sub(height);
        if let Some((start, end)) = anchor {
            if end > self.scroll + height {
                self.scroll = end - height;
            }
            if start < self.scroll {
                self.scroll = start;
            }
        }
        self.scroll = self.scroll.min(max_scroll);
        let shown: Vec<Line<'static>> = lines.into_iter().skip(self.scroll).take(height).collect();
        frame.render_widget(Paragraph::new(shown), body);
        let marker = Style::default().add_modifier(Modifier::BOLD);
        if self.scroll > 0 {
            frame.render_widget(
                Paragraph::new("▲").style(marker),
                Rect::new(area.x + area.width - 1, body.y, 1, 1),
            );
        }
        if self.scroll < max_scroll {
            frame.render_widget(
                Paragraph::new("▼").style(marker),
                Rect::new(area.x + area.width - 1, body.y + body.height - 1, 1, 1),
            );
        }
        frame.render_widget(
            Paragraph::new(self.footer_line(width, messages)).style(bar),
            Rect {
                y: area.y + area.height - 1,
                height: 1,
                ..area
            },
        );
        if let (Input::Line { .. }, false, None, Some((start, _))) =
            (&self.screen.input, self.help, self.selected, anchor)
        {
            // The caret, where the next character goes.
            let (row, col) = self.caret_position(usize::from(body.width), start);
            {
                if row >= self.scroll && row < self.scroll + height {
                    frame.set_cursor_position((
                        body.x + col as u16,
                        body.y + (row - self.scroll) as u16,
                    ));
                }
            }
        }
    }

    fn header_line(&self, width: usize) -> Line<'static> {
        let header = &self.screen.header;
        let right = match (&self.screen.input, header.progress) {
            (Input::Pages { pages }, _) if !self.help => {
                format!(" {}/{} ", self.page + 1, pages.len())
            }
            (_, Some((position, total))) => format!(" {position}/{total} "),
            _ => String::new(),
        };
        let mut left = format!(" {}", header.title);
        if let Some(section) = &header.section {
            left.push_str(" · ");
            left.push_str(section);
        }
        let room = width.saturating_sub(right.width());
        let left = one_line(&left, room);
        let pad = room.saturating_sub(left.width());
        Line::from(format!("{left}{}{right}", " ".repeat(pad)))
    }

    fn footer_line(&self, width: usize, messages: &Messages) -> Line<'static> {
        // In order of need: the quick exit always shows.
        let mut keys: Vec<(String, String)> = vec![("Esc".into(), messages.get("key-exit"))];
        if self.help {
            keys.push(("?".into(), messages.get("key-close-help")));
        } else {
            match &self.screen.input {
                Input::One { choices, .. } | Input::Many { choices, .. } => {
                    let numbers: Vec<usize> = choices.iter().filter_map(|c| c.number).collect();
                    let many = matches!(self.screen.input, Input::Many { .. });
                    keys.push(("Enter".into(), messages.get("key-ok")));
                    if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
                        let label = if many {
                            messages.get("key-mark")
                        } else {
                            messages.get("key-choose")
                        };
                        keys.push((format!("{first}–{last}"), label));
                    }
                }
                Input::Line { choices, .. } => {
                    keys.push(("Enter".into(), messages.get("key-ok-empty-skips")));
                    if let Some(first) = choices.first() {
                        keys.push(("↓".into(), first.label.to_lowercase()));
                    }
                }
                Input::Pages { .. } => {
                    keys.push(("Enter".into(), messages.get("key-continue")));
                    keys.push(("→".into(), messages.get("key-more")));
                }
            }
            if self.screen.back {
                keys.push(("←".into(), messages.get("key-back")));
            }
            if self.screen.skip && !matches!(self.screen.input, Input::Line { .. }) {
                keys.push(("→".into(), messages.get("key-skip")));
            }
            if self.screen.help.is_some() {
                let key = if self.typing_text() { "F1" } else { "?" };
                keys.push((key.into(), messages.get("key-help")));
            }
        }
        let mut spans = vec![Span::raw(" ")];
        let mut used = 1;
        for (i, (key, label)) in keys.iter().enumerate() {
            let sep = if i == 0 { "" } else { " · " };
            let need = sep.width() + key.width() + 1 + label.width();
            if used + need > width {
                break;
            }
            used += need;
            spans.push(Span::raw(sep));
            spans.push(Span::styled(
                key.clone(),
                Style::default().add_modifier(Modifier::BOLD),
            ));
            spans.push(Span::raw(format!(" {label}")));
        }
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
        Line::from(spans)
    }

    fn block_lines(block: &Block, width: usize, out: &mut Vec<Line<'static>>, base: Style) {
        let (lines, style) = match block {
            Block::Text(t) => (wrap(t, width), base),
            Block::Strong(t) => (wrap(t, width), base.add_modifier(Modifier::BOLD)),
            Block::Quiet(t) => (wrap(t, width), base.add_modifier(Modifier::DIM)),
            Block::Item { marker, text } => (hanging(&format!("{marker} "), text, width), base),
            Block::Gap => (vec![String::new()], base),
        };
        out.extend(lines.into_iter().map(|l| Line::styled(l, style)));
    }

    /// The body's lines, and the range of lines that must stay in view.
    fn body_lines(
        &self,
        width: usize,
        messages: &Messages,
    ) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
        let mut lines = Vec::new();
        let plain = Style::default();
        if self.help {
            lines.push(Line::styled(
                messages.get("key-help"),
                plain.add_modifier(Modifier::BOLD),
            ));
            for block in self.screen.help.iter().flatten() {
                Self::block_lines(block, width, &mut lines, plain);
            }
            return (lines, None);
        }
        for block in &self.screen.notes {
            Self::block_lines(block, width, &mut lines, plain);
        }
        if !self.screen.notes.is_empty() {
            lines.push(Line::default());
        }
        for block in &self.screen.text {
            let strong = match block {
                Block::Text(t) => Block::Strong(t.clone()),
                other => other.clone(),
            };
            Self::block_lines(&strong, width, &mut lines, plain);
        }
        if !self.screen.text.is_empty() {
            lines.push(Line::default());
        }
        let anchor = match &self.screen.input {
            Input::One { choices, .. } | Input::Many { choices, .. } => {
                Some(self.choice_lines(choices, width, &mut lines))
            }
            Input::Line { error, .. } => {
                let start = lines.len();
                let text: String = self.line.iter().collect();
                for l in hanging("› ", &text, width) {
                    lines.push(Line::styled(l, plain.add_modifier(Modifier::BOLD)));
                }
                if text.is_empty() {
                    if let Some(last) = lines.last_mut() {
                        *last = Line::styled("› ", plain);
                    }
                }
                if let Some(error) = error {
                    for l in wrap(error, width) {
                        lines.push(Line::styled(l, plain.fg(Color::Red)));
                    }
                }
                let end = lines.len();
                let beside = choices(self.screen);
                if beside.is_empty() {
                    Some((start, end))
                } else {
                    lines.push(Line::default());
                    let focus = self.choice_lines(beside, width, &mut lines);
                    Some(if self.selected.is_some() {
                        focus
                    } else {
                        (start, end)
                    })
                }
            }
            Input::Pages { pages } => {
                if let Some(page) = pages.get(self.page) {
                    lines.push(Line::styled(
                        page.title.clone(),
                        plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
                    ));
                    for block in &page.blocks {
                        Self::block_lines(block, width, &mut lines, plain);
                    }
                }
                None
            }
        };
        if let Some(hint) = self.hint {
            for l in wrap(&messages.get(hint), width) {
                lines.push(Line::styled(l, plain.fg(Color::Yellow)));
            }
        }
        (lines, anchor)
    }

    fn choice_lines(
        &self,
        choices: &[Choice],
        width: usize,
        lines: &mut Vec<Line<'static>>,
    ) -> (usize, usize) {
        let many = matches!(self.screen.input, Input::Many { .. });
        let digits = choices
            .iter()
            .filter_map(|c| c.number)
            .max()
            .map_or(1, |n| n.to_string().len());
        let start = lines.len();
        let mut focus = None;
        for (i, choice) in choices.iter().enumerate() {
            let here = if many {
                self.cursor == i
            } else {
                self.selected == Some(i)
            };
            let pointer = if here { "›" } else { " " };
            let box_ = if many {
                if self.checked[i] {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else {
                ""
            };
            let number = match choice.number {
                Some(n) => format!("{n:>digits$}"),
                None => " ".repeat(digits),
            };
            let marker = format!("{pointer} {box_}{number}  ");
            let style = if here {
                Style::default().add_modifier(Modifier::REVERSED)
            } else {
                Style::default()
            };
            let first = lines.len();
            match &choice.detail {
                // A list of answers (the review): one line each.
                Some(detail) => {
                    let room = width.saturating_sub(marker.width());
                    let detail_room = (room / 3).max(8).min(detail.width());
                    let detail = one_line(detail, detail_room);
                    let label_room = room.saturating_sub(detail.width() + 2);
                    let label = one_line(&choice.label, label_room);
                    let pad = label_room.saturating_sub(label.width());
                    lines.push(Line::styled(
                        format!("{marker}{label}{}  {detail}", " ".repeat(pad)),
                        style,
                    ));
                }
                None => {
                    for l in hanging(&marker, &choice.label, width) {
                        lines.push(Line::styled(l, style));
                    }
                }
            }
            if here {
                focus = Some((first, lines.len()));
            }
        }
        focus.unwrap_or((start, lines.len()))
    }

    /// Row and column of the caret in the body's lines.
    fn caret_position(&self, width: usize, start: usize) -> (usize, usize) {
        let before: String = self.line[..self.caret].iter().collect();
        let wrapped = hanging("› ", &format!("{before}x"), width);
        let row = start + wrapped.len().saturating_sub(1);
        let col = wrapped.last().map_or(2, |l| l.width().saturating_sub(1));
        (row, col)
    }
}
