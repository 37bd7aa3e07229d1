import { defineWorker } from '@workscript/api';

interface Order {
  readonly id: string;
  readonly lines: readonly { readonly sku: string; readonly qty: number }[];
}

/** Success, failure with output, and a thrown error, depending on the input. */
export const parseOrder = defineWorker({
  name: 'ParseOrder',
  run(input: { order: Order }, ctx) {
    const { order } = input;
    if (order.lines.length === 0) return ctx.failure({ reason: `order ${order.id} has no lines` });
    const bad = order.lines.find((l) => !Number.isInteger(l.qty) || l.qty <= 0);
    if (bad !== undefined)
      throw new RangeError(`line ${bad.sku}: qty must be a positive integer, got ${bad.qty}`);
    const total = order.lines.reduce((sum, l) => sum + l.qty, 0);
    return ctx.success({ id: order.id, total, skus: order.lines.map((l) => l.sku).sort() });
  },
});
