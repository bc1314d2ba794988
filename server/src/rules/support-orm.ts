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
