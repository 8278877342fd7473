// The languages a candidate can write their book in: what the editor
// starts with, and the words the page uses for each.

const JAVASCRIPT = `// Your order book. createBook() is called once per scenario and per
// random stream; it returns an object with these three methods.
// console.log() prints under the editor.
function createBook() {
  return {
    // order: {id, side: "buy"|"sell", type: "limit"|"market"|"ioc", price, qty}
    // returns {trades: [{taker, maker, price, qty}], rested}
    //      or {error: "why"} for a bad order (the book stays as it was)
    submit(order) {
      return { trades: [], rested: 0 };
    },
    // returns {} or {error: "why"} when id is not resting
    cancel(id) {
      return {};
    },
    // levels best price first: bids descending, asks ascending
    // returns {bids: [{price, qty, orders}], asks: [...]}
    depth() {
      return { bids: [], asks: [] };
    },
  };
}
`;

const PYTHON = `# Your order book. create_book() is called once per scenario and per
# random stream; it returns an object with these three methods. Orders
# and results are dicts with the same keys as in JavaScript.
# print() prints under the editor. This is MicroPython: the language is
# Python 3's, and collections, heapq, itertools, math and re are there
# (bisect and dataclasses are not).


def create_book():
    return Book()


class Book:
    def submit(self, order):
        # order: {"id", "side": "buy"|"sell", "type": "limit"|"market"|"ioc",
        #         "price", "qty"}
        # returns {"trades": [{"taker", "maker", "price", "qty"}], "rested": n}
        #      or {"error": "why"} for a bad order (the book stays as it was)
        return {"trades": [], "rested": 0}

    def cancel(self, order_id):
        # returns {} or {"error": "why"} when the id is not resting
        return {}

    def depth(self):
        # levels best price first: bids descending, asks ascending
        # returns {"bids": [{"price", "qty", "orders"}], "asks": [...]}
        return {"bids": [], "asks": []}
`;

export const languages = {
  javascript: {
    label: "JavaScript",
    template: JAVASCRIPT,
    entry: "createBook()",
    missing: "Define a function createBook() that returns your book.",
    print: "console.log",
    // The key the first runner used, so that code written then is kept.
    key: (engine) => `kitgen:kata:${engine}:solution`,
  },
  python: {
    label: "Python",
    template: PYTHON,
    entry: "create_book()",
    missing: "Define a function create_book() that returns your book.",
    print: "print()",
    key: (engine) => `kitgen:kata:${engine}:solution:python`,
  },
};
