import axios from 'axios';
import got from 'got';
import { request } from 'undici';

// Every call through this client inherits its timeout.
const carriers = axios.create({ baseURL: process.env.CARRIERS_URL, timeout: 5000 });

const labels = axios.create({ baseURL: process.env.LABELS_URL });

export async function quote(parcel: { weightGrams: number; to: string }) {
  const { data } = await carriers.post('/quotes', parcel);
  return data;
}

export async function printLabel(shipmentId: string) {
  const { data } = await labels.post(`/labels/${shipmentId}`);
  return data;
}

export async function trackingStatus(trackingNumber: string) {
  return got(`https://tracking.example-carrier.com/v2/${trackingNumber}`).json();
}

export async function warehouseStock(sku: string) {
  const { body } = await request(`${process.env.WAREHOUSE_URL}/stock/${sku}`, { headersTimeout: 3000, bodyTimeout: 3000 });
  return body.json();
}

export async function exchangeRate(currency: string) {
  const res = await fetch(`https://rates.example.com/latest?base=${currency}`);
  return res.json();
}
