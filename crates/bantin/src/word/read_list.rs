//! Word list paragraphs (flat, each with a level) → nested [`Block::List`]s.

use crate::doc::{Block, Inline, ListItem};

/// Nests consecutive list paragraphs by their level.
#[derive(Default)]
pub struct ListBuilder {
    /// Open lists, outermost first: (level, ordered, start, items).
    open: Vec<(u8, bool, u32, Vec<ListItem>)>,
}

impl ListBuilder {
    pub fn push(
        &mut self,
        level: u8,
        ordered: bool,
        start: u32,
        content: Vec<Inline>,
        out: &mut Vec<Block>,
    ) {
        while self.open.last().is_some_and(|l| l.0 > level) {
            self.close_one(out);
        }
        if self
            .open
            .last()
            .is_some_and(|l| l.0 == level && l.1 != ordered)
        {
            self.close_one(out);
        }
        if self.open.last().is_none_or(|l| l.0 < level) {
            self.open.push((level, ordered, start, Vec::new()));
        }
        let para = Block::Paragraph { content };
        if let Some(top) = self.open.last_mut() {
            top.3.push(ListItem {
                task: None,
                blocks: vec![para],
            });
        }
    }

    /// Another paragraph of the current item, or a plain paragraph when
    /// no list is open.
    pub fn continue_item(&mut self, content: Vec<Inline>, out: &mut Vec<Block>) {
        let para = Block::Paragraph { content };
        match self.open.last_mut().and_then(|l| l.3.last_mut()) {
            Some(item) => item.blocks.push(para),
            None => out.push(para),
        }
    }

    fn close_one(&mut self, out: &mut Vec<Block>) {
        let Some((_, ordered, start, items)) = self.open.pop() else {
            return;
        };
        let list = Block::List {
            ordered,
            start: if ordered { start } else { 1 },
            items,
        };
        match self.open.last_mut() {
            Some(parent) => match parent.3.last_mut() {
                Some(item) => item.blocks.push(list),
                None => parent.3.push(ListItem {
                    task: None,
                    blocks: vec![list],
                }),
            },
            None => out.push(list),
        }
    }

    pub fn finish(&mut self, out: &mut Vec<Block>) {
        while !self.open.is_empty() {
            self.close_one(out);
        }
    }
}
