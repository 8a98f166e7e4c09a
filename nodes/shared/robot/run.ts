/** What a robot operation gets for a run: the webhook connection and per-item parameters (uploads via upload_media). */
import type { IExecuteFunctions } from 'n8n-workflow';
import { robotConnection, type RobotConnection } from './connection';
import { robotUpload } from './client';
import { itemContext, type ItemContext, type MediaUploader } from '../execution/itemContext';
import type { ParameterReader } from '../execution/parameters';
import { readBinary } from '../execution/binary';
import { FieldError } from '../execution/errors';
import { checkMedia, WECOM_MEDIA_RULES } from '../media/limits';

export interface RobotRun {
	connection: RobotConnection;
	item(itemIndex: number): ItemContext;
}

function robotUploader(exec: IExecuteFunctions, connection: RobotConnection): MediaUploader {
	return async (kind, binaryProperty, field, itemIndex) => {
		if (kind !== 'file' && kind !== 'voice')
			throw new FieldError(field, `a group robot cannot upload ${kind} media`, 'Send images with Send Image.');
		const file = await readBinary(exec, itemIndex, binaryProperty, field);
		const problem = checkMedia(file.data, WECOM_MEDIA_RULES[kind]);
		if (problem) throw new FieldError(field, problem.problem, problem.fix);
		return String((await robotUpload(connection, kind, file)).media_id);
	};
}

export async function openRobotRun(exec: IExecuteFunctions, read: ParameterReader): Promise<RobotRun> {
	const connection = await robotConnection(exec);
	const upload = robotUploader(exec, connection);
	return { connection, item: (itemIndex) => itemContext(exec, itemIndex, read, upload) };
}
