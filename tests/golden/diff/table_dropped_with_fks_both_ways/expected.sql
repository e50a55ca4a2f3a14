-- DropForeignKey
ALTER TABLE "Post" DROP CONSTRAINT "Post_pinnedId_fkey";

-- DropForeignKey
ALTER TABLE "Comment" DROP CONSTRAINT "Comment_authorId_fkey";

-- DropIndex
DROP INDEX "Post_pinnedId_key";

-- AlterTable
ALTER TABLE "Post" DROP COLUMN "pinnedId";

-- DropTable
DROP TABLE "Comment";
