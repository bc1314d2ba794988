import { NextResponse } from 'next/server';

export async function POST(request: Request) {
  const order = await request.json();
  console.log('new order', order.id);
  const res = await fetch(`${process.env.ORDERS_API}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.ORDERS_TOKEN}` },
    body: JSON.stringify(order),
  });
  if (!res.ok) {
    console.error('order service failed', res.status);
    return NextResponse.json({ error: 'upstream' }, { status: 502 });
  }
  return NextResponse.json(await res.json(), { status: 201 });
}
