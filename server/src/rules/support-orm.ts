import ts = require('typescript');
import { qualifiedName, unwrapExpression, type ValueResolver } from '../engine/values';

export type OrmFamily = 'typeorm' | 'mongoose' | 'sequelize';

/** Types that say what a receiver is, whatever it is named (`private readonly posts: Repository<Post>`). */
const TYPED: Record<string, OrmFamily> = {
  'typeorm.Repository': 'typeorm',
  'typeorm.MongoRepository': 'typeorm',
  'typeorm.TreeRepository': 'typeorm',
  'typeorm.EntityManager': 'typeorm',
  'mongoose.Model': 'mongoose',
  'sequelize.ModelStatic': 'sequelize',
  'sequelize.ModelCtor': 'sequelize',
};

/**
 * The ORM a receiver belongs to by its declared type: a Nest-injected `Repository<T>` or `Model<T>`,
 * a parameter typed `EntityManager`. Receivers are otherwise recognised by name (`userRepository`).
 */
export function typedOrm(receiver: ts.Expression, values: ValueResolver): OrmFamily | undefined {
  const origin = values.origin(unwrapExpression(receiver));
  if (origin.base.kind !== 'typed' || origin.path.length > 0) return undefined;
  const name = qualifiedName(origin.base.type);
  return name ? TYPED[name] : undefined;
}

/**
 * The object literal an ORM argument holds: written in place, or the origin of the value (a const,
 * a property of a const object). Options and where clauses the file can't see into are undefined.
 */
export function objectOf(expression: ts.Expression, values: ValueResolver): ts.ObjectLiteralExpression | undefined {
  const node = unwrapExpression(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  const origin = values.origin(node);
  return origin.base.kind === 'object' && origin.path.length === 0 ? origin.base.node : undefined;
}
