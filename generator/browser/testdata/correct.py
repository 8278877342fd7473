# A correct order book in Python: price levels in sorted lists, FIFO
# queues, an id index. The browser test pastes it into the kata page's
# editor with Python picked.


def create_book():
    return Book()


def whole(n):
    return isinstance(n, int) and not isinstance(n, bool)


class Book:
    def __init__(self):
        self.bids = []  # best (highest) first: [price, [[id, qty], ...]]
        self.asks = []  # best (lowest) first
        self.resting = {}  # id -> side

    def reject(self, o):
        if o.get("side") not in ("buy", "sell"):
            return "unknown side"
        if o.get("type") not in ("limit", "market", "ioc"):
            return "unknown type"
        if not whole(o.get("qty")) or o["qty"] <= 0:
            return "quantity must be positive"
        if o["type"] != "market" and (not whole(o.get("price")) or o["price"] <= 0):
            return "price must be positive"
        if o.get("id") in self.resting:
            return "id is already resting"
        return ""

    def submit(self, o):
        why = self.reject(o)
        if why:
            return {"error": why}
        buy = o["side"] == "buy"
        other = self.asks if buy else self.bids
        trades = []
        left = o["qty"]
        while left > 0 and other:
            price, orders = other[0]
            if o["type"] != "market" and (price > o["price"] if buy else price < o["price"]):
                break
            maker = orders[0]
            qty = min(left, maker[1])
            trades.append({"taker": o["id"], "maker": maker[0], "price": price, "qty": qty})
            left -= qty
            maker[1] -= qty
            if maker[1] == 0:
                orders.pop(0)
                del self.resting[maker[0]]
                if not orders:
                    other.pop(0)
        if o["type"] != "limit" or left == 0:
            return {"trades": trades, "rested": 0}
        own = self.bids if buy else self.asks
        i = 0
        while i < len(own) and (own[i][0] > o["price"] if buy else own[i][0] < o["price"]):
            i += 1
        if i == len(own) or own[i][0] != o["price"]:
            own.insert(i, [o["price"], []])
        own[i][1].append([o["id"], left])
        self.resting[o["id"]] = o["side"]
        return {"trades": trades, "rested": left}

    def cancel(self, order_id):
        side = self.resting.get(order_id)
        if side is None:
            return {"error": "not resting"}
        own = self.bids if side == "buy" else self.asks
        for i, (price, orders) in enumerate(own):
            for j, (oid, qty) in enumerate(orders):
                if oid == order_id:
                    orders.pop(j)
                    if not orders:
                        own.pop(i)
                    del self.resting[order_id]
                    return {}
        return {"error": "not found"}

    def depth(self):
        def level(l):
            return {"price": l[0], "qty": sum(q for _, q in l[1]), "orders": len(l[1])}

        return {"bids": [level(l) for l in self.bids], "asks": [level(l) for l in self.asks]}
