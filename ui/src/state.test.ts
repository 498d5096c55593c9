import { describe, expect, it, vi } from "vitest";
import type { Article } from "./api";
import { createAppState, createStore, currentId, initialState, watch } from "./state";

const article = (id: number, over: Partial<Article> = {}): Article => ({
  id,
  title: `Bài ${id}`,
  summary: "",
  author: "",
  category: "",
  tags: [],
  kind: "tin-bai",
  status: "nhap",
  date: null,
  body: "",
  extra: {},
  created_at: "2026-11-24T00:00:00Z",
  updated_at: "2026-11-24T00:00:00Z",
  revision: 1,
  word_count: 0,
  ...over,
});

describe("store", () => {
  it("gives back what was set and keeps the other fields", () => {
    const s = createStore({ a: 1, b: "x" });
    s.set({ a: 2 });
    expect(s.get()).toEqual({ a: 2, b: "x" });
  });

  it("does not share the initial object", () => {
    const init = { a: 1 };
    const s = createStore(init);
    s.set({ a: 2 });
    expect(init.a).toBe(1);
  });

  it("tells listeners the state now and before", () => {
    const s = createStore({ a: 1, b: "x" });
    const heard = vi.fn();
    s.subscribe(heard);
    s.set({ b: "y" });
    expect(heard).toHaveBeenCalledTimes(1);
    expect(heard).toHaveBeenCalledWith({ a: 1, b: "y" }, { a: 1, b: "x" });
  });

  it("says nothing when nothing changed", () => {
    const s = createStore({ a: 1, b: "x" });
    const heard = vi.fn();
    s.subscribe(heard);
    s.set({ a: 1 });
    s.set({});
    expect(heard).not.toHaveBeenCalled();
  });

  it("stops telling a listener that unsubscribed", () => {
    const s = createStore({ a: 1 });
    const heard = vi.fn();
    const stop = s.subscribe(heard);
    s.set({ a: 2 });
    stop();
    s.set({ a: 3 });
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("a listener that unsubscribes while being told does not stop the others", () => {
    const s = createStore({ a: 1 });
    const second = vi.fn();
    const stop = s.subscribe(() => stop());
    s.subscribe(second);
    s.set({ a: 2 });
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe("watch", () => {
  it("calls back only when the watched part changes", () => {
    const s = createAppState();
    const opened = vi.fn();
    watch(s, currentId, opened);
    s.set({ dirty: true });
    expect(opened).not.toHaveBeenCalled();
    s.set({ current: article(7) });
    expect(opened).toHaveBeenLastCalledWith(7);
    // The same article saved again (a new revision): still article 7.
    s.set({ current: article(7, { revision: 2 }) });
    expect(opened).toHaveBeenCalledTimes(1);
    s.set({ current: null });
    expect(opened).toHaveBeenLastCalledWith(null);
    expect(opened).toHaveBeenCalledTimes(2);
  });
});

describe("app state", () => {
  it("starts with nothing open, nothing unsaved, both panes and Thuộc tính shown", () => {
    const s = createAppState().get();
    expect(s).toEqual(initialState());
    expect(s.current).toBeNull();
    expect(s.dirty).toBe(false);
    expect(s.hits).toBeNull();
    expect(s.view).toBe("both");
    expect(s.tab).toBe("meta");
    expect(currentId(s)).toBeNull();
  });

  it("each app state is its own", () => {
    const one = createAppState();
    const two = createAppState();
    one.set({ current: article(1), dirty: true });
    expect(two.get().current).toBeNull();
    expect(two.get().dirty).toBe(false);
  });

  it("knows the open article", () => {
    const s = createAppState();
    s.set({ current: article(3), dirty: false });
    expect(currentId(s.get())).toBe(3);
  });
});
