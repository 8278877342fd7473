// A correct order book: price levels in sorted arrays, FIFO queues, an id
// index. The browser test pastes it into the kata page's editor.
function createBook() {
  const bids = []; // best (highest) first
  const asks = []; // best (lowest) first
  const resting = new Map(); // id -> side
  const whole = (n) => Number.isInteger(n);

  function reject(o) {
    if (o.side !== "buy" && o.side !== "sell") return "unknown side";
    if (o.type !== "limit" && o.type !== "market" && o.type !== "ioc") return "unknown type";
    if (!whole(o.qty) || o.qty <= 0) return "quantity must be positive";
    if (o.type !== "market" && (!whole(o.price) || o.price <= 0)) return "price must be positive";
    if (resting.has(o.id)) return "id is already resting";
    return "";
  }

  return {
    submit(o) {
      const why = reject(o);
      if (why) return { error: why };
      const buy = o.side === "buy";
      const other = buy ? asks : bids;
      const trades = [];
      let left = o.qty;
      while (left > 0 && other.length) {
        const level = other[0];
        if (o.type !== "market" && (buy ? level.price > o.price : level.price < o.price)) break;
        const maker = level.orders[0];
        const qty = Math.min(left, maker.qty);
        trades.push({ taker: o.id, maker: maker.id, price: level.price, qty });
        left -= qty;
        maker.qty -= qty;
        if (maker.qty === 0) {
          level.orders.shift();
          resting.delete(maker.id);
          if (level.orders.length === 0) other.shift();
        }
      }
      if (o.type !== "limit" || left === 0) return { trades, rested: 0 };
      const own = buy ? bids : asks;
      let i = own.findIndex((l) => (buy ? l.price <= o.price : l.price >= o.price));
      if (i < 0) i = own.length;
      if (!own[i] || own[i].price !== o.price) own.splice(i, 0, { price: o.price, orders: [] });
      own[i].orders.push({ id: o.id, qty: left });
      resting.set(o.id, o.side);
      return { trades, rested: left };
    },
    cancel(id) {
      const side = resting.get(id);
      if (!side) return { error: "not resting" };
      const own = side === "buy" ? bids : asks;
      for (let i = 0; i < own.length; i++) {
        const j = own[i].orders.findIndex((o) => o.id === id);
        if (j < 0) continue;
        own[i].orders.splice(j, 1);
        if (own[i].orders.length === 0) own.splice(i, 1);
        break;
      }
      resting.delete(id);
      return {};
    },
    depth() {
      const level = (l) => ({ price: l.price, qty: l.orders.reduce((s, o) => s + o.qty, 0), orders: l.orders.length });
      return { bids: bids.map(level), asks: asks.map(level) };
    },
  };
}
