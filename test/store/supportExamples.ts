import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { LabelledExample } from '../../core/data/labelled';

/** A small bilingual customer-service set: five intents, 14 messages each (zh and en). */
const PHRASES: Record<string, string[]> = {
	refund: [
		'I want a refund',
		'please refund my money',
		'how do I get my money back',
		'refund for order 12345 please',
		'can I get a refund for this item',
		'when will my refund arrive',
		'我要退款',
		'请给我退款',
		'退款什么时候到账',
		'这个订单怎么申请退款',
		'钱什么时候退回来',
		'申请退款，东西不想要了',
		'refund not received yet',
		'退款进度查询',
	],
	delivery: [
		'where is my parcel',
		'my order has not arrived',
		'when will my package be delivered',
		'track my order please',
		'the delivery is late',
		'shipping status of my order',
		'我的快递到哪了',
		'包裹怎么还没到',
		'物流信息查不到',
		'什么时候发货',
		'快递一直没有更新',
		'订单配送到哪里了',
		'has my order shipped yet',
		'查一下物流',
	],
	change_payment: [
		'how do I change my payment method',
		'update my credit card',
		'I want to pay with paypal instead',
		'change the card on my account',
		'can I switch payment to bank transfer',
		'remove my old card',
		'如何更换支付方式？',
		'我想换一张银行卡付款',
		'怎么修改付款方式',
		'可以用支付宝付吗',
		'更换绑定的信用卡',
		'付款方式选错了怎么改',
		'add a new payment card',
		'换成微信支付',
	],
	cancel_order: [
		'cancel my order',
		'I want to cancel the order I just placed',
		'please cancel order 98765',
		'how can I cancel my purchase',
		'stop my order before it ships',
		'cancel the subscription order',
		'取消订单',
		'我要取消刚才的订单',
		'订单不要了帮我取消',
		'怎么取消购买',
		'下错单了，取消一下',
		'能不能取消这个订单',
		'I changed my mind, cancel it',
		'取消我的订单谢谢',
	],
	greeting: [
		'hello',
		'hi there',
		'good morning',
		'hey, anyone there?',
		'hello, I have a question',
		'good evening',
		'你好',
		'您好',
		'早上好',
		'在吗',
		'哈喽',
		'有人吗',
		'hi',
		'嗨，你好',
	],
};

export const SUPPORT_EXAMPLES: LabelledExample[] = Object.entries(PHRASES).flatMap(([label, texts]) =>
	texts.map((text) => ({ text, label })),
);

/** A fresh temporary folder for one test's model store; `remove()` deletes it. */
export function temporaryStoreFolder(prefix = 'support-ai-store-'): { folder: string; remove: () => Promise<void> } {
	const folder = mkdtempSync(join(tmpdir(), prefix));
	return { folder, remove: async () => await rm(folder, { recursive: true, force: true }) };
}
