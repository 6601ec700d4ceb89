import type { ReplyLanguage } from './types';

export interface DefaultTemplate {
	zh: string;
	en: string;
	/** The reply hands the customer to a person (`needsHuman`). */
	handsOver?: boolean;
}

/** Policy intents of the demo graph whose facts are complete sentences: the facts are the answer. */
const ANSWER_IS_THE_FACT: DefaultTemplate = { zh: '{{answer}}', en: '{{answer}}' };

/**
 * Replies per intent: every built-in intent of Intent Classify, written for the relations of the demo
 * e-commerce graph (kg/ecommerce-support), and the relations of the KdConv travel graph (KG Query takes
 * a relation name as intent). A template whose relations the facts lack gives way to a generic one.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<string, DefaultTemplate>> = {
	cancel_order: ANSWER_IS_THE_FACT,
	change_order: ANSWER_IS_THE_FACT,
	change_shipping_address: ANSWER_IS_THE_FACT,
	check_cancellation_fee: ANSWER_IS_THE_FACT,
	check_invoices: ANSWER_IS_THE_FACT,
	check_payment_methods: {
		zh: '您可以选择以下支付方式：{{facts.payment_method}}。',
		en: 'You can pay by {{factsOr.payment_method}}.',
	},
	check_refund_policy: ANSWER_IS_THE_FACT,
	complaint: {
		zh: '您的反馈我们已经记录，会有专人跟进处理。{{#facts.complaint_process}}{{facts.complaint_process}}{{/facts.complaint_process}}',
		en: 'We have recorded your feedback and a member of our team will follow it up. {{#facts.complaint_process}}{{facts.complaint_process}}{{/facts.complaint_process}}',
		handsOver: true,
	},
	contact_customer_service: {
		zh: '您可以通过以下方式联系我们：{{details.description}}{{#details.hours}}服务时间——{{details.hours}}{{/details.hours}}',
		en: 'You can reach us like this: {{details.description}} {{#details.hours}}Hours — {{details.hours}}{{/details.hours}}',
	},
	contact_human_agent: {
		zh: '好的，正在为您转接人工客服，请稍候。{{#details.hours}}人工服务时间——{{details.hours}}{{/details.hours}}',
		en: "Sure, I'm connecting you with a member of our team, please hold on. {{#details.hours}}Hours — {{details.hours}}{{/details.hours}}",
		handsOver: true,
	},
	create_account: ANSWER_IS_THE_FACT,
	delete_account: ANSWER_IS_THE_FACT,
	delivery_options: {
		zh: '我们提供{{facts.shipping_method}}。{{#facts.description}}{{facts.description}}{{/facts.description}}',
		en: 'We offer {{facts.shipping_method}}. {{#facts.description}}{{facts.description}}{{/facts.description}}',
	},
	delivery_period: { zh: '{{details.delivery_time}}', en: '{{details.delivery_time}}' },
	edit_account: ANSWER_IS_THE_FACT,
	get_invoice: ANSWER_IS_THE_FACT,
	get_refund: ANSWER_IS_THE_FACT,
	newsletter_subscription: ANSWER_IS_THE_FACT,
	payment_issue: {
		zh: '{{facts.payment_help}}{{#factsOr.payment_method}}也可以换用{{factsOr.payment_method}}。{{/factsOr.payment_method}}',
		en: '{{facts.payment_help}} {{#factsOr.payment_method}}You can also pay by {{factsOr.payment_method}}.{{/factsOr.payment_method}}',
	},
	place_order: ANSWER_IS_THE_FACT,
	recover_password: ANSWER_IS_THE_FACT,
	registration_problems: ANSWER_IS_THE_FACT,
	review: ANSWER_IS_THE_FACT,
	set_up_shipping_address: ANSWER_IS_THE_FACT,
	switch_account: ANSWER_IS_THE_FACT,
	track_order: ANSWER_IS_THE_FACT,
	track_refund: ANSWER_IS_THE_FACT,
	change_payment_method: {
		zh: '{{facts.how_to_change_payment}}{{#facts.payment_method}}目前支持的支付方式有{{facts.payment_method}}。{{/facts.payment_method}}',
		en: '{{facts.how_to_change_payment}} {{#facts.payment_method}}We accept {{facts.payment_method}}.{{/facts.payment_method}}',
	},
	delivery_delay: { zh: '{{facts.delay_policy}}', en: '{{facts.delay_policy}}' },
	return_exchange: ANSWER_IS_THE_FACT,
	product_question: {
		zh: '{{#facts.product}}我们目前在售：{{facts.product}}。{{/facts.product}}{{#facts.description}}{{entity}}：{{facts.description}}{{/facts.description}}{{#facts.stock}}库存：{{facts.stock}}。{{/facts.stock}}',
		en: '{{#facts.product}}We currently sell {{facts.product}}. {{/facts.product}}{{#facts.description}}{{entity}}: {{facts.description}} {{/facts.description}}{{#facts.stock}}Availability: {{facts.stock}}.{{/facts.stock}}',
	},
	price_discount: {
		zh: '{{#facts.price}}{{entity}}的售价是{{facts.price}}。{{/facts.price}}{{#facts.promotions}}{{facts.promotions}}{{/facts.promotions}}',
		en: '{{#facts.price}}{{entity}} costs {{facts.price}}. {{/facts.price}}{{#facts.promotions}}{{facts.promotions}}{{/facts.promotions}}',
	},
	damaged_item: ANSWER_IS_THE_FACT,
	warranty_repair: {
		zh: '保修期：{{facts.period}}。{{#facts.coverage}}{{facts.coverage}}{{/facts.coverage}}{{#facts.claim_process}}{{facts.claim_process}}{{/facts.claim_process}}',
		en: 'Warranty: {{facts.period}}. {{#facts.coverage}}{{facts.coverage}} {{/facts.coverage}}{{#facts.claim_process}}{{facts.claim_process}}{{/facts.claim_process}}',
	},
	greeting: {
		zh: '{{#customerName}}{{customerName}}，{{/customerName}}{{#answer}}{{answer}}{{/answer}}{{^answer}}您好！请问有什么可以帮您？{{/answer}}',
		en: '{{#customerName}}Hi {{customerName}}, welcome! How can I help you today?{{/customerName}}{{^customerName}}{{#answer}}{{answer}}{{/answer}}{{^answer}}Hello! How can I help you today?{{/answer}}{{/customerName}}',
	},
	thanks: {
		zh: '{{#answer}}{{answer}}{{/answer}}{{^answer}}不客气，很高兴能帮到您！{{/answer}}还有其他问题随时找我。',
		en: "{{#answer}}{{answer}}{{/answer}}{{^answer}}You're welcome, glad I could help!{{/answer}} Let me know if there is anything else.",
	},
	goodbye: {
		zh: '{{#answer}}{{answer}}{{/answer}}{{^answer}}感谢您的咨询，祝您生活愉快，再见！{{/answer}}',
		en: '{{#answer}}{{answer}}{{/answer}}{{^answer}}Thanks for reaching out, have a great day. Goodbye!{{/answer}}',
	},

	// KdConv travel graph: the relation is the intent.
	周边景点: { zh: '{{entity}}周边有{{answer}}。', en: 'Near {{entity}} you can visit {{answer}}.' },
	地址: { zh: '{{entity}}的地址是{{answer}}。', en: 'The address of {{entity}} is {{answer}}.' },
	门票: { zh: '{{entity}}的门票：{{answer}}。', en: 'Tickets for {{entity}}: {{answer}}.' },
	开放时间: { zh: '{{entity}}的开放时间：{{answer}}。', en: 'Opening hours of {{entity}}: {{answer}}.' },
	建议游玩时间: { zh: '建议在{{entity}}游玩{{answer}}。', en: 'We suggest spending {{answer}} at {{entity}}.' },
	电话: { zh: '{{entity}}的电话是{{answer}}。', en: 'The phone number of {{entity}} is {{answer}}.' },
	Information: ANSWER_IS_THE_FACT,
};

/** Used when no template fits the intent but there are facts: each relation's values, as sentences. */
export const SUMMARY_TEMPLATE: Record<ReplyLanguage, string> = { zh: '{{summary}}', en: '{{summary}}' };

/** The honest reply when nothing in the graph answers the question. */
export const NO_FACTS_REPLY: Record<ReplyLanguage, string> = {
	zh: '我暂时没有找到能回答这个问题的资料，已为您转交人工客服，请稍候。',
	en: "I couldn't find information that answers this question, so I've passed it to a colleague who will help you shortly.",
};
