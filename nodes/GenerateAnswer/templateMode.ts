import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { answerFromTemplate } from '../../core/generation/templateAnswer';
import type { Answer } from '../../core/generation/types';
import { readGenerationInput, readTemplateSettings } from './itemInput';

/** Templates mode: the intent's template filled with the facts, no model involved. */
export async function answerWithTemplates(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): Promise<Answer> {
	return answerFromTemplate(readGenerationInput(context, item, itemIndex), readTemplateSettings(context, itemIndex));
}
